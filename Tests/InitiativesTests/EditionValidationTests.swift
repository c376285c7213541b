import Testing
@testable import Initiatives

/// What makes a draft edition unusable, each with its message and the place in the file it names.
@Suite struct EditionValidationTests {
    let wijken = SeedEditions.wijken

    func problems(_ change: (inout RuleEditionDraft) -> Void) -> [RuleProblem] {
        var draft = SeedEditions.draft2020
        change(&draft)
        return draft.problems(wijken: wijken)
    }

    @Test func bothSeedEditionsAreValid() throws {
        #expect(SeedEditions.draft2019.problems(wijken: wijken).isEmpty)
        #expect(SeedEditions.draft2020.problems(wijken: wijken).isEmpty)
        let edition = try SeedEditions.draft2020.validated(wijken: wijken)
        #expect(edition.bands.map(\.name) == [.klein, .buurtdeal, .groot, .wijkkans, .investering])
        #expect(edition.overdrawApprover == .teammanager)
        #expect(edition.band(named: .wijkkans)?.advisers == [.buurtcoordinator, .wijkwethouder])
    }

    @Test func aGapBetweenBandsNamesBothBandsAndTheAmounts() {
        let found = problems { $0.bands[1].above = .euros(2_500) }
        #expect(found == [RuleProblem(
            path: ["bands", "1", "amount", "above"],
            message: "gap between band 'klein' (up to € 2.000,00) and band 'buurtdeal' (above € 2.500,00): amounts from € 2.000,01 to € 2.500,00 have no band")])
    }

    @Test func anOverlapNamesBothBandsAndTheAmounts() {
        let found = problems { $0.bands[0].upTo = .euros(2_500); $0.bands[0].ceiling = .euros(2_500) }
        #expect(found == [RuleProblem(
            path: ["bands", "1", "amount", "above"],
            message: "band 'klein' (up to € 2.500,00) and band 'buurtdeal' (above € 2.000,00) overlap: amounts from € 2.000,01 to € 2.500,00 would fit both")])
    }

    @Test func theLowestBandMustStartAtZero() {
        let found = problems { $0.bands[0].above = .euros(100) }
        #expect(found.map(\.message) == ["band 'klein', the lowest of kind regulier, starts above € 100,00: amounts from € 0,01 to € 100,00 have no band"])
    }

    @Test func anUnlimitedBandMustBeTheLastOfItsKind() {
        let found = problems { $0.bands[4].kind = "regulier" }
        #expect(found == [
            RuleProblem(
                path: ["bands", "4", "amount", "above"],
                message: "band 'klein' (up to € 2.000,00) and band 'investering' (above € 0,00) overlap: amounts from € 0,01 to € 2.000,00 would fit both"),
            RuleProblem(
                path: ["bands", "1", "amount", "above"],
                message: "band 'investering' of kind regulier has no upper limit, so band 'buurtdeal' (above € 2.000,00) overlaps it: amounts from € 2.000,01 would fit both"),
        ])
        // On top of the others it tiles: every amount has exactly one band.
        #expect(problems { $0.bands[4].kind = "regulier"; $0.bands[4].above = .euros(25_000) }.isEmpty)
    }

    @Test func anEmptyRangeIsReportedOnce() {
        let found = problems { $0.bands[2].upTo = .euros(10_000); $0.bands[2].ceiling = .euros(10_000) }
        #expect(found.map(\.message) == ["band 'groot' covers no amount: above € 10.000,00 and up to € 10.000,00"])
        #expect(found.map(\.path) == [["bands", "2", "amount"]])
    }

    @Test func unknownRolesBandsKindsAndLinesAreNamedWithASuggestion() {
        let found = problems {
            $0.bands[0].deciders = ["buurtcoördinator"]
            $0.bands[3].advisers = ["wijkwethouder", "burgemeester"]
            $0.bands[1].name = "buurtdeel"
            $0.bands[2].kind = "gewoon"
            $0.bands[2].budgetLine = "subsidy"
            $0.overdrawApprover = "clusterteammanager"
        }
        #expect(found.contains(RuleProblem(path: ["bands", "0", "deciders", "0"], message: "unknown role 'buurtcoördinator' (did you mean 'buurtcoordinator'?)")))
        #expect(found.contains(RuleProblem(
            path: ["bands", "3", "advisers", "1"],
            message: "unknown role 'burgemeester' (expected buurtcoordinator, wijkwethouder, teammanager, wethouder_buurten, college or gemeenteraad)")))
        #expect(found.contains(RuleProblem(path: ["bands", "1", "name"], message: "unknown band name 'buurtdeel' (did you mean 'buurtdeal'?)")))
        #expect(found.contains(RuleProblem(path: ["bands", "2", "kind"], message: "unknown kind 'gewoon' (expected regulier, wijkkans or investering)")))
        #expect(found.contains(RuleProblem(path: ["bands", "2", "budget_line"], message: "unknown budget line 'subsidy' (did you mean 'subsidie'?)")))
        #expect(found.contains(RuleProblem(
            path: ["overdraw_approver"],
            message: "unknown role 'clusterteammanager' (expected buurtcoordinator, wijkwethouder, teammanager, wethouder_buurten, college or gemeenteraad)")))
    }

    @Test func everyDeciderSigns() {
        let found = problems { $0.bands[2].signatures = 1 }
        #expect(found == [RuleProblem(
            path: ["bands", "2", "signatures"],
            message: "band 'groot' says 1 signature(s) but has 2 decider(s) (teammanager, wijkwethouder); every decider signs, in the listed order")])
    }

    @Test func decidersAreNamedOnceAndNeverAlsoAsAdvisers() {
        let found = problems {
            $0.bands[1].deciders = ["wijkwethouder", "wijkwethouder"]
            $0.bands[3].advisers = ["wethouder_buurten"]
            $0.bands[0].deciders = []
            $0.bands[0].signatures = 0
        }
        #expect(found.contains(RuleProblem(path: ["bands", "1", "deciders", "1"], message: "role 'wijkwethouder' is listed twice among the deciders of band 'buurtdeal'")))
        #expect(found.contains(RuleProblem(path: ["bands", "3", "advisers", "0"], message: "role 'wethouder_buurten' both advises and decides in band 'wijkkans'; an adviser does not sign")))
        #expect(found.contains(RuleProblem(path: ["bands", "0", "deciders"], message: "band 'klein' has no deciders; name at least one role")))
    }

    @Test func thresholdsAreSharesAndMinimaArePositive() {
        let found = problems { $0.bands[0].threshold = 1.0; $0.bands[1].minN = 0 }
        #expect(found == [
            RuleProblem(path: ["bands", "0", "threshold"], message: "the threshold of band 'klein' must be a share between 0 and 1 such as 0.5, found 1.0"),
            RuleProblem(path: ["bands", "1", "min_n"], message: "min_n of band 'buurtdeal' must be a whole number of respondents, 1 or more, found 0"),
        ])
    }

    @Test func aCeilingMustBeTheTopOfItsBand() {
        let found = problems { $0.bands[1].ceiling = .euros(9_000); $0.bands[4].ceiling = .euros(1_000_000) }
        #expect(found.map(\.message) == [
            "the ceiling of band 'buurtdeal' (€ 9.000,00) differs from the top of its range (up to € 10.000,00); a request in between would be routed to a band that cannot grant it, or to none",
            "the ceiling of band 'investering' (€ 1.000.000,00) differs from the top of its range (no upper limit); a request in between would be routed to a band that cannot grant it, or to none",
        ])
    }

    @Test func theWijkkansenBandMatchesThePot() {
        let found = problems { $0.bands[3].lineCeiling = .euros(70_000) }
        #expect(found.map(\.message) == [
            "band 'wijkkans' goes up to € 75.000,00, more than its line may give in a whole year (€ 70.000,00)",
            "the line ceiling of band 'wijkkans' (€ 70.000,00) differs from the wijkkansen pot (€ 75.000,00)",
        ])
        #expect(found.map(\.path) == [["bands", "3", "amount", "up_to"], ["bands", "3", "line_ceiling"]])
    }

    @Test func bandNamesAreUnique() {
        let found = problems { $0.bands.append($0.bands[3]); $0.bands[5].kind = "investering"; $0.bands[5].above = .euros(1) }
        #expect(found.contains(RuleProblem(path: ["bands", "5", "name"], message: "band name 'wijkkans' is used twice (first as band 4)")))
    }

    @Test func aWijkWhoseLinesDoNotAddUpIsNamed() {
        let found = problems { $0.budget.wijken[2].row.handgeld = .euros(8_000) }
        #expect(found == [
            RuleProblem(
                path: ["budget", "wijken", "Zuid", "total"],
                message: "wijk 'Zuid' does not add up: subsidie € 53.500,00 + handgeld € 8.000,00 = € 61.500,00, but its total says € 61.750,00"),
            RuleProblem(
                path: ["budget", "gemeente", "handgeld"],
                message: "the wijken's handgeld adds up to € 44.750,00, but the gemeente total for handgeld says € 45.000,00"),
        ])
    }

    @Test func theGemeenteTotalCountsTheReservations() {
        let found = problems { $0.budget.reserved.removeLast() }
        #expect(found == [RuleProblem(
            path: ["budget", "gemeente", "total"],
            message: "the gemeente total € 450.000,00 does not add up: subsidie € 280.000,00 + handgeld € 45.000,00 + wijkkansen € 75.000,00 = € 400.000,00")])
        let pot = problems { $0.wijkkansenPot = .euros(70_000); $0.bands[3].upTo = .euros(70_000); $0.bands[3].lineCeiling = .euros(70_000) }
        #expect(pot == [RuleProblem(path: ["budget", "reserved", "wijkkansen"], message: "the table reserves € 75.000,00 for wijkkansen, but the wijkkansen pot is € 70.000,00")])
    }

    @Test func theWijkenAreTheGemeentesSpelledItsWay() {
        let found = problems {
            $0.budget.wijken[5].name = "H'Meent"
            $0.budget.wijken[6].name = "centrum"
        }
        #expect(found == [
            RuleProblem(
                path: ["budget", "wijken", "H'Meent"],
                message: "'H'Meent' is not a wijk of the gemeente (its wijken: Noordoost, Noordwest, Zuid, Zuidoost, Zuidwest, Hilversumse Meent, Centrum, Oost)"),
            RuleProblem(path: ["budget", "wijken", "centrum"], message: "wijk 'centrum' is spelled 'Centrum' by the gemeente; write it that way"),
            RuleProblem(path: ["budget", "wijken"], message: "the gemeente's wijk 'Hilversumse Meent' has no budget in this table"),
        ])
        // Without the gemeente's list only the table's own sums are checked.
        var draft = SeedEditions.draft2020
        draft.budget.wijken[5].name = "H'Meent"
        #expect(draft.problems(wijken: nil).isEmpty)
    }

    @Test func everyProblemIsReportedInOneGo() {
        let found = problems {
            $0.bands[1].above = .euros(2_500)
            $0.bands[2].deciders = ["teammanager", "wethouder"]
            $0.budget.wijken[0].row.total = .euros(1)
            $0.bands[0].minN = -1
        }
        #expect(found.map(\.path) == [
            ["bands", "0", "min_n"], ["bands", "2", "deciders", "1"], ["bands", "1", "amount", "above"], ["budget", "wijken", "Noordoost", "total"],
        ])
        let error = #expect(throws: RuleProblems.self) {
            var draft = SeedEditions.draft2020
            draft.bands[0].minN = -1
            _ = try draft.validated(wijken: wijken)
        }
        #expect(error?.description == "bands.0.min_n: min_n of band 'klein' must be a whole number of respondents, 1 or more, found -1")
    }
}

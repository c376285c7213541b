import Testing
@testable import Surveys

@Suite struct DefinitionCompatibilityTests {
    let old = SurveyDefinition(
        id: "c", kind: .buurttoetsing, title: "C",
        questions: [
            Question(id: "steun", text: "Steunt u het?", type: .scale(Scale(min: 1, max: 5, labels: [1: "Oneens", 5: "Eens"])), required: true,
                     support: SupportRule(supports: ["4", "5"], opposes: ["1", "2"])),
            Question(id: "vaak", text: "Hoe vaak?", type: .single(options: [Option(code: "dag", text: "Dagelijks"), Option(code: "week", text: "Wekelijks")])),
            Question(id: "vervoer", text: "Hoe?", type: .multi(options: [Option(code: "fiets", text: "Fiets"), Option(code: "auto", text: "Auto")], min: nil, max: 2)),
            Question(id: "bewoner", text: "Bewoner?", type: .yesno),
            Question(id: "aantal", text: "Hoeveel?", type: .number(NumberRule(min: 0, max: 10))),
            Question(id: "waarom", text: "Waarom?", type: .text(maxLength: 500, multiline: true)),
            Question(id: "start", text: "Wanneer?", type: .date(DateRule(min: "2026-01-01"))),
        ])

    func problems(_ change: (inout SurveyDefinition) -> Void) -> [String] {
        var new = old
        change(&new)
        return DefinitionCompatibility.problems(from: old, to: new)
    }

    @Test func anUnchangedDefinitionHasNoProblems() {
        #expect(DefinitionCompatibility.problems(from: old, to: old).isEmpty)
    }

    @Test func aRemovedQuestionIsNamed() {
        #expect(problems { $0.questions.removeAll { $0.id == "steun" } } == ["question 'steun' was removed, but stored answers refer to it"])
    }

    @Test func aChangedTypeIsNamed() {
        #expect(problems { $0.questions[0].type = .single(options: [Option(code: "1", text: "1")]) } == ["question 'steun' changed from scale to single"])
        #expect(problems { $0.questions[2].type = .single(options: [Option(code: "fiets", text: "Fiets")]) } == ["question 'vervoer' changed from multi to single"])
        #expect(problems { $0.questions[1].type = .multi(options: [Option(code: "dag", text: "D"), Option(code: "week", text: "W")], min: nil, max: nil) }
            == ["question 'vaak' changed from single to multi"])
        #expect(problems { $0.questions[5].type = .number(NumberRule()) } == ["question 'waarom' changed from text to number"])
    }

    @Test func aRemovedOptionIsNamed() {
        #expect(problems { $0.questions[1].type = .single(options: [Option(code: "dag", text: "Dagelijks")]) } == ["option 'week' of question 'vaak' was removed"])
        #expect(problems { $0.questions[2].type = .multi(options: [Option(code: "auto", text: "Auto")], min: nil, max: 2) }
            == ["option 'fiets' of question 'vervoer' was removed"])
        #expect(problems { $0.questions[1].type = .single(options: [Option(code: "daily", text: "Dagelijks"), Option(code: "week", text: "Wekelijks")]) }
            == ["option 'dag' of question 'vaak' was removed"], "renaming a code is removing it")
    }

    @Test func aChangedScaleIsNamed() {
        #expect(problems { $0.questions[0].type = .scale(Scale(min: 1, max: 7)) } == ["the scale of question 'steun' changed from 1–5 to 1–7"])
        #expect(problems { $0.questions[0].type = .scale(Scale(min: 0, max: 5)) } == ["the scale of question 'steun' changed from 1–5 to 0–5"])
    }

    @Test func requiringWholeNumbersIsNamedButAllowingFractionsIsFine() {
        #expect(problems { $0.questions[4].type = .number(NumberRule(min: 0, max: 10, integer: true)) }
            == ["question 'aantal' now takes whole numbers only, but stored answers may have decimals"])
        var whole = old
        whole.questions[4].type = .number(NumberRule(integer: true))
        var fractional = whole
        fractional.questions[4].type = .number(NumberRule(integer: false))
        #expect(DefinitionCompatibility.problems(from: whole, to: fractional).isEmpty)
    }

    @Test func everyProblemIsReportedInQuestionOrder() {
        let found = problems {
            $0.questions[0].type = .yesno
            $0.questions.removeAll { $0.id == "bewoner" }
            $0.questions[1].type = .single(options: [])
        }
        #expect(found == [
            "question 'steun' changed from scale to yesno",
            "option 'dag' of question 'vaak' was removed",
            "option 'week' of question 'vaak' was removed",
            "question 'bewoner' was removed, but stored answers refer to it",
        ])
    }

    @Test(arguments: AllowedChange.allCases)
    func changesThatKeepTheMeaningOfAnswersAreAllowed(_ change: AllowedChange) {
        #expect(problems(change.apply).isEmpty)
    }

    enum AllowedChange: CaseIterable, Sendable, CustomTestStringConvertible {
        case wording, labelsAndHelp, optionText, addedQuestion, addedOption, required, showIf, support, pages, order
        case multiLimits, numberBounds, dateBounds, shorterText, multiline, titleAndIntro

        var testDescription: String { "\(self)" }

        func apply(_ d: inout SurveyDefinition) {
            switch self {
            case .wording: d.questions[0].text = "Steunt u dit plan?"
            case .labelsAndHelp:
                d.questions[0].type = .scale(Scale(min: 1, max: 5, labels: [1: "Helemaal oneens", 3: "Neutraal", 5: "Helemaal eens"]))
                d.questions[0].help = "Kies een getal"
            case .optionText: d.questions[1].type = .single(options: [Option(code: "dag", text: "Elke dag"), Option(code: "week", text: "Elke week")])
            case .addedQuestion: d.questions.append(Question(id: "nieuw", text: "Nieuw?", type: .yesno, required: true))
            case .addedOption:
                d.questions[2].type = .multi(options: [Option(code: "fiets", text: "Fiets"), Option(code: "auto", text: "Auto"), Option(code: "bus", text: "Bus")], min: nil, max: 2)
            case .required: d.questions[1].required = true
            case .showIf: d.questions[5].showIf = try? Condition(parsing: "steun <= 2")
            case .support: d.questions[0].support = SupportRule(supports: ["5"])
            case .pages: d.pages = [Page(questionIDs: ["steun", "vaak"]), Page(questionIDs: ["vervoer", "bewoner", "aantal", "waarom", "start"])]
            case .order: d.questions.reverse()
            case .multiLimits: d.questions[2].type = .multi(options: [Option(code: "fiets", text: "Fiets"), Option(code: "auto", text: "Auto")], min: 1, max: 1)
            case .numberBounds: d.questions[4].type = .number(NumberRule(min: 1, max: 5))
            case .dateBounds: d.questions[6].type = .date(DateRule(min: "2027-01-01", max: "2027-12-31"))
            case .shorterText: d.questions[5].type = .text(maxLength: 10, multiline: true)
            case .multiline: d.questions[5].type = .text(maxLength: 500, multiline: false)
            case .titleAndIntro:
                d.title = "Nieuwe titel"
                d.intro = "Nieuwe inleiding"
            }
        }
    }
}

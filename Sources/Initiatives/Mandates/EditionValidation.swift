extension RuleEditionDraft {
    /// Every problem that keeps this draft from being an edition; empty when `validated` succeeds.
    /// `wijken` are the gemeente's wijken the budget table must list; nil skips that check.
    public func problems(wijken: [String]?) -> [RuleProblem] {
        check(wijken: wijken).log.problems
    }

    /// The edition, or every problem in the draft.
    public func validated(wijken: [String]?) throws(RuleProblems) -> RuleEdition {
        let (bands, log) = check(wijken: wijken)
        guard log.problems.isEmpty else { throw RuleProblems(problems: log.problems) }
        var budgets: [String: [BudgetLine: Cents]] = [:]
        for entry in budget.wijken {
            budgets[entry.name] = [.subsidie: entry.row.subsidie, .handgeld: entry.row.handgeld]
        }
        return RuleEdition(
            id: id, title: title, source: source, effectiveFrom: effectiveFrom,
            bands: bands.sorted { ($0.kind.order, $0.above) < ($1.kind.order, $1.above) },
            wijken: budget.wijken.map(\.name), budgets: budgets, wijkkansenPot: wijkkansenPot,
            reservations: budget.reserved, overdrawApprover: overdrawApprover.flatMap(Role.init(rawValue:)))
    }

    private func check(wijken: [String]?) -> (bands: [Band], log: ProblemLog) {
        var log = ProblemLog()
        if id.isEmpty { log.report("the edition needs an id such as \"2020\"", at: [RuleKey.edition]) }
        if let overdrawApprover {
            _ = log.known(Role.self, overdrawApprover, what: "role", at: [RuleKey.overdrawApprover])
        }
        if bands.isEmpty { log.report("the edition has no bands; the mandate table needs at least one", at: [RuleKey.bands]) }

        var checked: [(index: Int, band: Band)] = []
        var names: [String: Int] = [:]
        for (index, draft) in bands.enumerated() {
            if let first = names[draft.name] {
                log.report("band name '\(draft.name)' is used twice (first as band \(first + 1))", at: [RuleKey.bands, String(index), RuleKey.name])
            }
            names[draft.name] = names[draft.name] ?? index
            if let band = draft.checked(index: index, wijkkansenPot: wijkkansenPot, log: &log) {
                checked.append((index, band))
            }
        }
        // A band that covers no amount is reported on its own; tiling it too would only repeat that.
        BandTiling.check(checked.filter { entry in entry.band.upTo.map { $0 > entry.band.above } ?? true }, log: &log)
        budget.check(gemeenteWijken: wijken, wijkkansenPot: wijkkansenPot, log: &log)
        return (checked.map(\.band), log)
    }
}

extension InitiativeKind {
    /// The order of the kinds in an edition's band list: regular bands first.
    var order: Int { InitiativeKind.allCases.firstIndex(of: self) ?? 0 }
}

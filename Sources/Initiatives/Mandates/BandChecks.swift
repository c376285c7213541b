extension BandDraft {
    /// The band with its names resolved, or nil when a name is unknown. Every other problem is
    /// reported too, but still yields a band, so the tiling of its kind can be checked as well.
    func checked(index: Int, wijkkansenPot: Cents, log: inout ProblemLog) -> Band? {
        let at = [RuleKey.bands, String(index)]
        let label = "band '\(name)'"
        let bandName = log.known(BandName.self, name, what: "band name", at: at + [RuleKey.name])
        let bandKind = log.known(InitiativeKind.self, kind, what: "kind", at: at + [RuleKey.kind])
        let line = log.known(BudgetLine.self, budgetLine, what: "budget line", at: at + [RuleKey.budgetLine])
        let deciderRoles = roles(deciders, key: RuleKey.deciders, at: at, log: &log)
        let adviserRoles = roles(advisers, key: RuleKey.advisers, at: at, log: &log)

        if deciders.isEmpty { log.report("\(label) has no deciders; name at least one role", at: at + [RuleKey.deciders]) }
        for (position, role) in deciders.enumerated() where deciders[..<position].contains(role) {
            log.report("role '\(role)' is listed twice among the deciders of \(label)", at: at + [RuleKey.deciders, String(position)])
        }
        for (position, role) in advisers.enumerated() where deciders.contains(role) {
            log.report("role '\(role)' both advises and decides in \(label); an adviser does not sign", at: at + [RuleKey.advisers, String(position)])
        }
        if signatures != deciders.count {
            log.report(
                "\(label) says \(signatures) signature(s) but has \(deciders.count) decider(s) (\(deciders.joined(separator: ", "))); every decider signs, in the listed order",
                at: at + [RuleKey.signatures])
        }
        if !(threshold > 0 && threshold < 1) {
            log.report("the threshold of \(label) must be a share between 0 and 1 such as 0.5, found \(threshold)", at: at + [RuleKey.threshold])
        }
        if minN < 1 {
            log.report("min_n of \(label) must be a whole number of respondents, 1 or more, found \(minN)", at: at + [RuleKey.minN])
        }
        checkAmounts(label: label, line: line, wijkkansenPot: wijkkansenPot, at: at, log: &log)

        guard let bandName, let bandKind, let line, let deciderRoles, let adviserRoles else { return nil }
        return Band(
            name: bandName, kind: bandKind, above: above, upTo: upTo, deciders: deciderRoles, advisers: adviserRoles,
            signatures: signatures, budgetLine: line, ceiling: ceiling, lineCeiling: lineCeiling,
            buurttoetsingRequired: buurttoetsingRequired, threshold: threshold, minN: minN)
    }

    private func checkAmounts(label: String, line: BudgetLine?, wijkkansenPot: Cents, at: [String], log: inout ProblemLog) {
        if let upTo, upTo <= above {
            log.report("\(label) covers no amount: above \(above.dutch) and up to \(upTo.dutch)", at: at + [RuleKey.amount])
        }
        if let ceiling, ceiling != upTo {
            let top = upTo.map { "up to \($0.dutch)" } ?? "no upper limit"
            log.report(
                "the ceiling of \(label) (\(ceiling.dutch)) differs from the top of its range (\(top)); a request in between would be routed to a band that cannot grant it, or to none",
                at: at + [RuleKey.ceiling])
        }
        guard let lineCeiling else { return }
        if let upTo, upTo > lineCeiling {
            log.report(
                "\(label) goes up to \(upTo.dutch), more than its line may give in a whole year (\(lineCeiling.dutch))",
                at: at + [RuleKey.amount, RuleKey.upTo])
        }
        if line == .wijkkansen && lineCeiling != wijkkansenPot {
            log.report(
                "the line ceiling of \(label) (\(lineCeiling.dutch)) differs from the wijkkansen pot (\(wijkkansenPot.dutch))",
                at: at + [RuleKey.lineCeiling])
        }
    }

    private func roles(_ names: [String], key: String, at: [String], log: inout ProblemLog) -> [Role]? {
        let resolved = names.enumerated().map { position, name in
            log.known(Role.self, name, what: "role", at: at + [key, String(position)])
        }
        return resolved.contains(nil) ? nil : resolved.compactMap { $0 }
    }
}

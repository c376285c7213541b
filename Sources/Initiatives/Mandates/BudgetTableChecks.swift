extension BudgetTableDraft {
    /// Checks that the table adds up (each wijk's lines to its total, the wijken to the gemeente's
    /// line totals, those plus the reservations to the table's total) and, when `gemeenteWijken` is
    /// given, that it lists exactly the gemeente's wijken, spelled as the gemeente spells them.
    func check(gemeenteWijken: [String]?, wijkkansenPot: Cents, log: inout ProblemLog) {
        let at = [RuleKey.budget]
        var seen: [String: String] = [:]
        for entry in wijken {
            let key = RuleEdition.matchKey(entry.name)
            if let earlier = seen[key] {
                log.report("wijk '\(entry.name)' is listed twice (also as '\(earlier)')", at: at + [RuleKey.wijken, entry.name])
            }
            seen[key] = seen[key] ?? entry.name
            let row = entry.row
            if row.subsidie + row.handgeld != row.total {
                log.report(
                    "wijk '\(entry.name)' does not add up: subsidie \(row.subsidie.dutch) + handgeld \(row.handgeld.dutch) = \((row.subsidie + row.handgeld).dutch), but its total says \(row.total.dutch)",
                    at: at + [RuleKey.wijken, entry.name, RuleKey.total])
            }
        }
        if let gemeenteWijken { checkNames(against: gemeenteWijken, log: &log) }
        checkGemeenteRow(log: &log)

        var reservedNames: Set<String> = []
        for reservation in reserved {
            if !reservedNames.insert(reservation.name).inserted {
                log.report("reservation '\(reservation.name)' is listed twice", at: at + [RuleKey.reserved, reservation.name])
            }
            if reservation.name == BudgetLine.wijkkansen.rawValue && reservation.amount != wijkkansenPot {
                log.report(
                    "the table reserves \(reservation.amount.dutch) for wijkkansen, but the wijkkansen pot is \(wijkkansenPot.dutch)",
                    at: at + [RuleKey.reserved, reservation.name])
            }
        }
    }

    private func checkNames(against gemeenteWijken: [String], log: inout ProblemLog) {
        let at = [RuleKey.budget, RuleKey.wijken]
        for entry in wijken where !gemeenteWijken.contains(entry.name) {
            if let spelled = gemeenteWijken.first(where: { RuleEdition.matchKey($0) == RuleEdition.matchKey(entry.name) }) {
                log.report("wijk '\(entry.name)' is spelled '\(spelled)' by the gemeente; write it that way", at: at + [entry.name])
            } else {
                log.report(
                    "'\(entry.name)' is not a wijk of the gemeente (its wijken: \(gemeenteWijken.joined(separator: ", ")))",
                    at: at + [entry.name])
            }
        }
        let listed = Set(wijken.map { RuleEdition.matchKey($0.name) })
        for wijk in gemeenteWijken where !listed.contains(RuleEdition.matchKey(wijk)) {
            log.report("the gemeente's wijk '\(wijk)' has no budget in this table", at: at)
        }
    }

    private func checkGemeenteRow(log: inout ProblemLog) {
        let at = [RuleKey.budget, RuleKey.gemeente]
        let lines: [(key: String, line: KeyPath<BudgetRow, Cents>)] = [(RuleKey.subsidie, \.subsidie), (RuleKey.handgeld, \.handgeld)]
        for (key, line) in lines {
            let sum = wijken.reduce(Cents.zero) { $0 + $1.row[keyPath: line] }
            if sum != gemeente[keyPath: line] {
                log.report(
                    "the wijken's \(key) adds up to \(sum.dutch), but the gemeente total for \(key) says \(gemeente[keyPath: line].dutch)",
                    at: at + [key])
            }
        }
        let reservedSum = reserved.reduce(Cents.zero) { $0 + $1.amount }
        let expected = gemeente.subsidie + gemeente.handgeld + reservedSum
        if expected != gemeente.total {
            let parts = [
                "subsidie \(gemeente.subsidie.dutch)", "handgeld \(gemeente.handgeld.dutch)",
            ] + reserved.map { "\($0.name) \($0.amount.dutch)" }
            log.report(
                "the gemeente total \(gemeente.total.dutch) does not add up: \(parts.joined(separator: " + ")) = \(expected.dutch)",
                at: at + [RuleKey.total])
        }
    }
}

import YAMLFiles
import Initiatives
import Yams

/// Turns the YAML tree of one rule file into a draft edition, reporting problems of form (missing
/// keys, text where an amount belongs) as it goes and carrying on, so one run shows every mistake.
/// Whether the draft makes sense (bands tiling, known roles, budgets adding up) is the domain's
/// check, made afterwards.
struct RuleFileReader {
    var log: IssueLog

    init(file: String) { log = IssueLog(file: file) }

    static let topKeys = [
        RuleKey.edition, RuleKey.title, RuleKey.source, RuleKey.effectiveFrom, RuleKey.wijkkansenPot,
        RuleKey.overdrawApprover, RuleKey.budget, RuleKey.bands,
    ]

    mutating func readEdition(_ root: Node) -> RuleEditionDraft? {
        guard let top = fields(of: root, expecting: "a mapping with 'edition', 'effective_from', 'budget' and 'bands'") else { return nil }
        rejectUnknownKeys(in: top, known: Self.topKeys, place: "at the top of the file")
        let owner = "the rule file"
        let id = require(RuleKey.edition, in: top, owner: owner).flatMap { text($0, name: RuleKey.edition) }
        let title = require(RuleKey.title, in: top, owner: owner).flatMap { text($0, name: RuleKey.title) }
        let source = require(RuleKey.source, in: top, owner: owner).flatMap { text($0, name: RuleKey.source) }
        let effectiveFrom = require(RuleKey.effectiveFrom, in: top, owner: owner).flatMap { date($0, name: RuleKey.effectiveFrom) }
        let pot = require(RuleKey.wijkkansenPot, in: top, owner: owner).flatMap { money($0, name: RuleKey.wijkkansenPot) }
        // Left out or empty: no one may approve an overdraw.
        let overdrawApprover = top.value(RuleKey.overdrawApprover).flatMap { $0.isNull ? nil : text($0, name: RuleKey.overdrawApprover) }
        let budget = require(RuleKey.budget, in: top, owner: owner).flatMap { readBudget($0) }
        let bands = require(RuleKey.bands, in: top, owner: owner).flatMap { readBands($0) }
        guard let id, let title, let source, let effectiveFrom, let pot, let budget, let bands else { return nil }
        return RuleEditionDraft(
            id: id, title: title, source: source, effectiveFrom: effectiveFrom, wijkkansenPot: pot,
            overdrawApprover: overdrawApprover, budget: budget, bands: bands)
    }

    // MARK: budget (Table 1)

    private mutating func readBudget(_ node: Node) -> BudgetTableDraft? {
        guard let budget = fields(of: node, expecting: "a mapping with 'wijken', 'gemeente' and 'reserved'") else { return nil }
        rejectUnknownKeys(in: budget, known: [RuleKey.wijken, RuleKey.gemeente, RuleKey.reserved], place: "in 'budget'")
        var wijken: [WijkBudgetRow]?
        if let node = require(RuleKey.wijken, in: budget, owner: "'budget'"),
           let entries = fields(of: node, expecting: "a mapping of wijk names to {subsidie, handgeld, total}") {
            var rows: [WijkBudgetRow] = []
            for entry in entries.entries {
                if let row = readRow(entry.value, owner: "wijk '\(entry.name)'") { rows.append(WijkBudgetRow(name: entry.name, row: row)) }
            }
            if entries.entries.isEmpty { log.report("'wijken' lists no wijk", at: node) }
            wijken = rows.count == entries.entries.count ? rows : nil
        }
        let gemeente = require(RuleKey.gemeente, in: budget, owner: "'budget'").flatMap { readRow($0, owner: "'gemeente'") }
        var reserved: [Reservation]? = []
        if let node = budget.value(RuleKey.reserved), !node.isNull {
            if let entries = fields(of: node, expecting: "a mapping of names to amounts, such as {wijkkansen: 75000}") {
                for entry in entries.entries {
                    if let amount = money(entry.value, name: entry.name) {
                        reserved?.append(Reservation(name: entry.name, amount: amount))
                    } else {
                        reserved = nil
                    }
                }
            } else {
                reserved = nil
            }
        }
        guard let wijken, let gemeente, let reserved else { return nil }
        return BudgetTableDraft(wijken: wijken, gemeente: gemeente, reserved: reserved)
    }

    private mutating func readRow(_ node: Node, owner: String) -> BudgetRow? {
        guard let row = fields(of: node, expecting: "a mapping {subsidie: …, handgeld: …, total: …} for \(owner)") else { return nil }
        let keys = [RuleKey.subsidie, RuleKey.handgeld, RuleKey.total]
        rejectUnknownKeys(in: row, known: keys, place: "in \(owner)")
        let amounts = keys.map { key in require(key, in: row, owner: owner).flatMap { money($0, name: key) } }
        guard let subsidie = amounts[0], let handgeld = amounts[1], let total = amounts[2] else { return nil }
        return BudgetRow(subsidie: subsidie, handgeld: handgeld, total: total)
    }

    // MARK: bands (Table 2)

    static let bandKeys = [
        RuleKey.name, RuleKey.kind, RuleKey.amount, RuleKey.deciders, RuleKey.advisers, RuleKey.signatures,
        RuleKey.budgetLine, RuleKey.ceiling, RuleKey.lineCeiling, RuleKey.buurttoetsingRequired, RuleKey.threshold,
        RuleKey.minN,
    ]

    private mutating func readBands(_ node: Node) -> [BandDraft]? {
        guard case .sequence(let sequence) = node else {
            log.report("expected a list of bands for 'bands', found \(node.kindDescription)", at: node)
            return nil
        }
        let bands = sequence.enumerated().map { index, item in readBand(item, number: index + 1) }
        return bands.contains(nil) ? nil : bands.compactMap { $0 }
    }

    private mutating func readBand(_ node: Node, number: Int) -> BandDraft? {
        guard let band = fields(of: node, expecting: "a mapping for band \(number)") else { return nil }
        let owner = band.value(RuleKey.name)?.scalarText.map { "band '\($0)'" } ?? "band \(number)"
        rejectUnknownKeys(in: band, known: Self.bandKeys, place: "in \(owner)")
        let name = require(RuleKey.name, in: band, owner: owner).flatMap { text($0, name: RuleKey.name) }
        let kind = require(RuleKey.kind, in: band, owner: owner).flatMap { text($0, name: RuleKey.kind) }
        let range = require(RuleKey.amount, in: band, owner: owner).flatMap { readRange($0, owner: owner) }
        let deciders = require(RuleKey.deciders, in: band, owner: owner).flatMap { names($0, name: RuleKey.deciders) }
        let advisers = band.value(RuleKey.advisers).map { names($0, name: RuleKey.advisers) } ?? []
        let signatures = require(RuleKey.signatures, in: band, owner: owner).flatMap { integer($0, name: RuleKey.signatures) }
        let line = require(RuleKey.budgetLine, in: band, owner: owner).flatMap { text($0, name: RuleKey.budgetLine) }
        let ceiling = optionalMoney(band, RuleKey.ceiling)
        let lineCeiling = optionalMoney(band, RuleKey.lineCeiling)
        let toetsing = require(RuleKey.buurttoetsingRequired, in: band, owner: owner).flatMap { boolean($0, name: RuleKey.buurttoetsingRequired) }
        let threshold = require(RuleKey.threshold, in: band, owner: owner).flatMap { share($0, name: RuleKey.threshold) }
        let minN = require(RuleKey.minN, in: band, owner: owner).flatMap { integer($0, name: RuleKey.minN) }
        guard let name, let kind, let range, let deciders, let advisers, let signatures, let line, let ceiling, let lineCeiling,
              let toetsing, let threshold, let minN
        else { return nil }
        return BandDraft(
            name: name, kind: kind, above: range.above, upTo: range.upTo, deciders: deciders, advisers: advisers,
            signatures: signatures, budgetLine: line, ceiling: ceiling, lineCeiling: lineCeiling,
            buurttoetsingRequired: toetsing, threshold: threshold, minN: minN)
    }

    /// `{above: 2000, up_to: 10000}`; `up_to` left out for a band without upper limit.
    private mutating func readRange(_ node: Node, owner: String) -> (above: Cents, upTo: Cents?)? {
        guard let range = fields(of: node, expecting: "a mapping {above: …, up_to: …} for the amount of \(owner)") else { return nil }
        rejectUnknownKeys(in: range, known: [RuleKey.above, RuleKey.upTo], place: "in the amount of \(owner)")
        let above = require(RuleKey.above, in: range, owner: "the amount of \(owner)").flatMap { money($0, name: RuleKey.above) }
        let upTo = optionalMoney(range, RuleKey.upTo)
        guard let above, let upTo else { return nil }
        return (above, upTo)
    }

    /// `.some(nil)` when the key is absent or empty, nil when its value is not an amount.
    private mutating func optionalMoney(_ fields: Fields, _ key: String) -> Cents?? {
        guard let node = fields.value(key), !node.isNull else { return .some(nil) }
        return money(node, name: key).map { .some($0) }
    }
}

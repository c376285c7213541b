/// The municipality's geography: its wijken and the buurten within them. It is data (built from the
/// population table), so another municipality only needs another table.
public struct Gemeente: Hashable, Sendable {
    public let name: String
    /// In the order of the population table, which is the order people expect to see them in.
    public let wijken: [String]
    /// Wijk -> its buurten; empty when the table lists none for that wijk.
    public let buurten: [String: [String]]

    public init(name: String, wijken: [String], buurten: [String: [String]] = [:]) {
        self.name = name
        self.wijken = wijken
        var complete = buurten
        for wijk in wijken where complete[wijk] == nil { complete[wijk] = [] }
        self.buurten = complete
    }

    /// The wijk as the gemeente spells it, matching case-insensitively and ignoring extra spaces;
    /// nil if there is no such wijk.
    public func canonicalWijk(_ name: String) -> String? {
        let key = name.matchKey
        return wijken.first { $0.matchKey == key }
    }

    /// The wijk a buurt lies in (matched like `canonicalWijk`), nil if no wijk lists it.
    public func wijk(ofBuurt buurt: String) -> String? {
        let key = buurt.matchKey
        return wijken.first { wijk in (buurten[wijk] ?? []).contains { $0.matchKey == key } }
    }

    /// The buurt as the gemeente spells it, if `wijk` (canonical) lists it.
    public func canonicalBuurt(_ buurt: String, inWijk wijk: String) -> String? {
        let key = buurt.matchKey
        return (buurten[wijk] ?? []).first { $0.matchKey == key }
    }
}

/// Population margins (SPEC §5): how many residents each category of a variable has within a scope.
/// `scope` is "gemeente", a wijk or a buurt name; weighting rakes respondents to these totals.
public struct PopulationTable: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public let scope: String
        public let variable: String
        public let category: String
        public let total: Double

        public init(scope: String, variable: String, category: String, total: Double) {
            self.scope = scope
            self.variable = variable
            self.category = category
            self.total = total
        }
    }

    /// The scope name for the whole municipality.
    public static let gemeenteScope = "gemeente"

    public let rows: [Row]

    public init(rows: [Row]) {
        self.rows = rows
    }

    /// The categories of `variable` within `scope` with their totals, in file order.
    public func margins(scope: String, variable: String) -> [(category: String, total: Double)] {
        rows.filter { $0.scope == scope && $0.variable == variable }.map { ($0.category, $0.total) }
    }

    /// The geography the table describes: wijken are the categories of (gemeente, wijk), and a wijk's
    /// buurten the categories of (that wijk, buurt).
    public func gemeente(named name: String) -> Gemeente {
        let wijken = margins(scope: Self.gemeenteScope, variable: "wijk").map(\.category)
        var buurten: [String: [String]] = [:]
        for wijk in wijken {
            buurten[wijk] = margins(scope: wijk, variable: "buurt").map(\.category)
        }
        return Gemeente(name: name, wijken: wijken, buurten: buurten)
    }
}

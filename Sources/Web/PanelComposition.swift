import Panel
import Storage

/// The panel beside the population it should represent: per wijk, age band and gender, the share of
/// active members and the share of inhabitants, so staff see where to recruit.
public struct PanelComposition: Sendable {
    public struct Row: Sendable, Hashable {
        public let variable: String
        public let category: String
        public let members: Int
        public let memberShare: Double
        public let populationShare: Double?
    }

    public let rows: [Row]
    public let total: Int

    public static func current(_ context: AppContext) async throws -> PanelComposition {
        let counts = try await context.database.members.composition()
        var rows: [Row] = []
        var total = 0
        for variable in ["wijk", "age_band", "gender"] {
            let members = counts[variable] ?? [:]
            let memberTotal = members.values.reduce(0, +)
            total = max(total, memberTotal)
            let margins = context.population.margins(scope: "gemeente", variable: variable)
            let populationTotal = margins.reduce(0) { $0 + $1.total }
            // Population categories first, in the file's order; then anything only the panel has.
            let categories = margins.map(\.category) + members.keys.sorted().filter { key in !margins.contains { $0.category == key } }
            for category in categories {
                let count = members[category] ?? 0
                let population = margins.first { $0.category == category }?.total
                rows.append(Row(
                    variable: variable, category: category, members: count,
                    memberShare: memberTotal > 0 ? Double(count) / Double(memberTotal) : 0,
                    populationShare: population.flatMap { populationTotal > 0 ? $0 / populationTotal : nil }))
            }
        }
        return PanelComposition(rows: rows, total: total)
    }
}

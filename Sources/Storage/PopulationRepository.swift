import GRDB
import Panel

/// The population margins results are weighted to. Imported as a whole: a new file replaces the
/// old one in one transaction, so weighting never sees half of each.
public struct PopulationRepository: Sendable {
    let pool: DatabasePool

    public func replace(with table: PopulationTable) async throws(StorageError) {
        try await run("import \(table.rows.count) population rows") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM population")
                let insert = try db.makeStatement(sql: "INSERT INTO population (scope, variable, category, total) VALUES (?, ?, ?, ?)")
                for row in table.rows { try insert.execute(arguments: [row.scope, row.variable, row.category, row.total]) }
            }
        }
    }

    /// The imported table, or nil when none was imported (the shipped file applies).
    public func current() async throws(StorageError) -> PopulationTable? {
        try await run("read the population margins") {
            try await pool.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT scope, variable, category, total FROM population ORDER BY rowid").map {
                    PopulationTable.Row(scope: $0["scope"], variable: $0["variable"], category: $0["category"], total: $0["total"])
                }
                return rows.isEmpty ? nil : PopulationTable(rows: rows)
            }
        }
    }
}

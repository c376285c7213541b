import Foundation
import GRDB
import Secrets
import Surveys

/// Survey definitions as loaded from files, every version kept by its hash.
public struct SurveyRepository: Sendable {
    let pool: DatabasePool

    /// The version hash of a definition: SHA-256 of its canonical JSON, in hex.
    public static func hash(of definition: SurveyDefinition) -> String {
        Hex.encode(SHA256.digest(definition.canonicalJSON()))
    }

    public enum RegisterOutcome: Hashable, Sendable {
        case new
        case unchanged
        case newVersion(previousHash: String)
        /// The survey has responses and the new definition would reinterpret them; the version in
        /// force stays. Each problem names the question.
        case refused(problems: [String])
    }

    /// Records `definition` as the current version of its survey (keeping older versions, which stored
    /// responses refer to) and returns its hash, unless the survey has responses and the change would
    /// reinterpret them (``DefinitionCompatibility``): then nothing changes and the outcome says why.
    /// The check and the change happen in one transaction, so no response can slip in between.
    @discardableResult
    public func register(_ definition: SurveyDefinition) async throws(StorageError) -> (hash: String, outcome: RegisterOutcome) {
        let hash = Self.hash(of: definition)
        let json = String(decoding: definition.canonicalJSON(), as: UTF8.self)
        return try await run("register survey \(definition.id)") {
            try await pool.write { db in
                let now = Timestamp.now()
                let previous = try String.fetchOne(db, sql: "SELECT current_hash FROM survey WHERE id = ?", arguments: [definition.id])
                if let previous, previous != hash,
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM response WHERE survey_id = ? LIMIT 1", arguments: [definition.id]) == true,
                    let stored = try String.fetchOne(
                        db, sql: "SELECT definition FROM survey_version WHERE survey_id = ? AND hash = ?", arguments: [definition.id, previous])
                {
                    let old = try JSONDecoder().decode(SurveyDefinition.self, from: Data(stored.utf8))
                    let problems = DefinitionCompatibility.problems(from: old, to: definition)
                    if !problems.isEmpty { return (previous, RegisterOutcome.refused(problems: problems)) }
                }
                try db.execute(
                    sql: "INSERT OR IGNORE INTO survey_version (survey_id, hash, definition, first_loaded_at) VALUES (?, ?, ?, ?)",
                    arguments: [definition.id, hash, json, now])
                try db.execute(
                    sql: """
                        INSERT INTO survey (id, current_hash, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET current_hash = excluded.current_hash, updated_at = excluded.updated_at
                        WHERE current_hash != excluded.current_hash
                        """,
                    arguments: [definition.id, hash, now])
                let outcome: RegisterOutcome =
                    switch previous {
                    case nil: .new
                    case hash?: .unchanged
                    case let old?: .newVersion(previousHash: old)
                    }
                return (hash, outcome)
            }
        }
    }

    /// The current definition of a survey, as last registered.
    public func current(_ id: String) async throws(StorageError) -> (definition: SurveyDefinition, hash: String)? {
        try await run("read survey \(id)") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT v.definition, v.hash FROM survey s
                        JOIN survey_version v ON v.survey_id = s.id AND v.hash = s.current_hash WHERE s.id = ?
                        """,
                    arguments: [id])
                else { return nil }
                let definition = try JSONDecoder().decode(SurveyDefinition.self, from: Data((row["definition"] as String).utf8))
                return (definition, row["hash"])
            }
        }
    }

    public func versionCount(_ id: String) async throws(StorageError) -> Int {
        try await run("count versions of \(id)") {
            try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM survey_version WHERE survey_id = ?", arguments: [id]) ?? 0 }
        }
    }
}

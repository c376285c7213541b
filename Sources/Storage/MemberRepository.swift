import Foundation
import GRDB
import Panel

/// Panel members and their contact data.
public struct MemberRepository: Sendable {
    let pool: DatabasePool

    public struct ImportSummary: Hashable, Sendable {
        public let created: Int
        public let updated: Int
    }

    /// Creates or updates every member by id, in one transaction: a failure leaves the panel as it was.
    @discardableResult
    public func upsert(_ members: [Member]) async throws(StorageError) -> ImportSummary {
        try await run("import \(members.count) members") {
            try await pool.write { db in
                var created = 0
                let now = Timestamp.now()
                for member in members {
                    let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM member WHERE id = ?", arguments: [member.id]) ?? false
                    if !exists { created += 1 }
                    try db.execute(
                        sql: """
                            INSERT INTO member (id, wijk, buurt, birth_year, age_band, gender, language, active, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT(id) DO UPDATE SET wijk = excluded.wijk, buurt = excluded.buurt,
                                birth_year = excluded.birth_year, age_band = excluded.age_band, gender = excluded.gender,
                                language = excluded.language, active = excluded.active, updated_at = excluded.updated_at
                            """,
                        arguments: [member.id, member.wijk, member.buurt, member.birthYear, member.ageBand?.rawValue,
                                    member.gender.rawValue, member.language, member.active, now, now])
                    try db.execute(
                        sql: """
                            INSERT INTO member_contact (member_id, email, postcode) VALUES (?, ?, ?)
                            ON CONFLICT(member_id) DO UPDATE SET email = excluded.email, postcode = excluded.postcode
                            """,
                        arguments: [member.id, member.email, member.postcode])
                }
                return ImportSummary(created: created, updated: members.count - created)
            }
        }
    }

    public func count(activeOnly: Bool = true) async throws(StorageError) -> Int {
        try await run("count members") {
            try await pool.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM member WHERE erased_at IS NULL"
                        + (activeOnly ? " AND active = 1 AND unsubscribed_at IS NULL" : "")) ?? 0
            }
        }
    }

    /// Active members who still want invitations, or only those with an id in `ids` when given, ordered by id.
    public func active(ids: [String]? = nil) async throws(StorageError) -> [Member] {
        try await run("list members") {
            try await pool.read { db in
                var sql = """
                    SELECT m.*, c.email, c.postcode FROM member m JOIN member_contact c ON c.member_id = m.id
                    WHERE m.active = 1 AND m.unsubscribed_at IS NULL AND m.erased_at IS NULL
                    """
                var arguments = StatementArguments()
                if let ids {
                    guard !ids.isEmpty else { return [] }
                    sql += " AND m.id IN (SELECT value FROM json_each(?))"
                    arguments += [String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)]
                }
                sql += " ORDER BY m.id"
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.member(from:))
            }
        }
    }

    public func find(_ id: String) async throws(StorageError) -> Member? {
        try await run("find member \(id)") {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT m.*, c.email, c.postcode FROM member m JOIN member_contact c ON c.member_id = m.id WHERE m.id = ?",
                    arguments: [id]
                ).map(Self.member(from:))
            }
        }
    }

    static func member(from row: Row) -> Member {
        Member(
            id: row["id"], email: row["email"], wijk: row["wijk"], buurt: row["buurt"], postcode: row["postcode"],
            birthYear: row["birth_year"], ageBand: (row["age_band"] as String?).flatMap(AgeBand.init(rawValue:)),
            gender: Gender(rawValue: row["gender"]) ?? .onbekend, language: row["language"], active: row["active"])
    }
}

extension MemberRepository {
    /// Which of `ids` are already members.
    public func existingIDs(among ids: [String]) async throws(StorageError) -> Set<String> {
        try await run("look up member ids") {
            try await pool.read { db in
                let json = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
                return Set(try String.fetchAll(db, sql: "SELECT id FROM member WHERE id IN (SELECT value FROM json_each(?))", arguments: [json]))
            }
        }
    }
}

extension MemberRepository {
    /// Active members per category of wijk, age band and gender, for comparing the panel with the
    /// population it should represent.
    public func composition() async throws(StorageError) -> [String: [String: Int]] {
        try await run("count the panel's composition") {
            try await pool.read { db in
                var counts: [String: [String: Int]] = [:]
                for variable in ["wijk", "age_band", "gender"] {
                    // The column name comes from the fixed list above, never from input.
                    for row in try Row.fetchAll(
                        db, sql: "SELECT \(variable) AS category, COUNT(*) AS n FROM member WHERE active = 1 AND unsubscribed_at IS NULL AND erased_at IS NULL GROUP BY \(variable)")
                    {
                        counts[variable, default: [:]][(row["category"] as String?) ?? "onbekend"] = row["n"]
                    }
                }
                return counts
            }
        }
    }
}

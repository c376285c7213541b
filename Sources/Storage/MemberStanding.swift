import Foundation
import GRDB
import Panel

/// What a member's own pages show and change: where they stand on the panel, the surveys they took
/// part in, and the details they may update themselves.
extension MemberRepository {
    public struct Standing: Hashable, Sendable {
        public let member: Member
        public let unsubscribed: Bool
        /// Switched off for not confirming; confirming brings them back.
        public let lapsed: Bool
        /// Asked to confirm and not answered yet.
        public let askedToReconfirm: Bool
        public let lastConfirmed: Date?
    }

    public func standing(_ id: String) async throws(StorageError) -> Standing? {
        try await run("look up a member's standing") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(
                    db,
                    sql: "SELECT m.*, c.email, c.postcode FROM member m JOIN member_contact c ON c.member_id = m.id WHERE m.id = ? AND m.erased_at IS NULL",
                    arguments: [id])
                else { return nil }
                let confirmed = (row["confirmed_at"] as String?) ?? (row["created_at"] as String)
                let asked = row["reconfirm_asked_at"] as String?
                return Standing(
                    member: Self.member(from: row), unsubscribed: (row["unsubscribed_at"] as String?) != nil,
                    lapsed: (row["lapsed_at"] as String?) != nil, askedToReconfirm: asked.map { $0 >= confirmed } ?? false,
                    lastConfirmed: (row["confirmed_at"] as String?).flatMap(Timestamp.parse))
            }
        }
    }

    /// A survey the member answered.
    public struct Participation: Hashable, Sendable {
        public let surveyID: String
        public let answeredAt: Date
    }

    /// The surveys the member answered by personal link, most recent first.
    public func participation(_ id: String) async throws(StorageError) -> [Participation] {
        try await run("list a member's surveys") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT i.survey_id, r.updated_at FROM invitation i JOIN response r ON r.invitation_id = i.id
                        WHERE i.member_id = ? AND i.channel = 'panel' ORDER BY r.updated_at DESC, i.id DESC
                        """,
                    arguments: [id]
                ).map { Participation(surveyID: $0["survey_id"], answeredAt: Timestamp.parse($0["updated_at"]) ?? Date(timeIntervalSince1970: 0)) }
            }
        }
    }

    /// Applies what the member changed about themselves. A new wijk drops the buurt, which belonged
    /// to the old one. Returns the details as they were, or nil for an unknown member.
    public func updateOwnDetails(_ id: String, to details: OwnDetails) async throws(StorageError) -> OwnDetails? {
        try await run("update a member's own details") {
            try await pool.write { db in
                guard let row = try Row.fetchOne(
                    db,
                    sql: "SELECT m.wijk, m.language, c.postcode FROM member m JOIN member_contact c ON c.member_id = m.id WHERE m.id = ? AND m.erased_at IS NULL",
                    arguments: [id])
                else { return nil }
                let before = OwnDetails(wijk: row["wijk"], postcode: row["postcode"], language: row["language"])
                let now = Timestamp.now()
                try db.execute(
                    sql: "UPDATE member SET wijk = ?, buurt = CASE WHEN wijk = ? THEN buurt ELSE NULL END, language = ?, updated_at = ? WHERE id = ?",
                    arguments: [details.wijk, details.wijk, details.language, now, id])
                try db.execute(sql: "UPDATE member_contact SET postcode = ? WHERE member_id = ?", arguments: [details.postcode, id])
                return before
            }
        }
    }

    /// Active members by how they joined: `import`, `aanmelding` or `brief`.
    public func recruitmentCounts() async throws(StorageError) -> [String: Int] {
        try await run("count members by how they joined") {
            try await pool.read { db in
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT COALESCE(recruited_via, 'import') AS via, COUNT(*) AS n FROM member
                        WHERE active = 1 AND unsubscribed_at IS NULL AND erased_at IS NULL GROUP BY via
                        """)
                {
                    counts[row["via"]] = row["n"]
                }
                return counts
            }
        }
    }
}

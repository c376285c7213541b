import Foundation
import GRDB
import Surveys

/// Stored answers: one response per invitation, its answers as rows so results are one GROUP BY.
public struct ResponseRepository: Sendable {
    let pool: DatabasePool
    let writer: GroupCommitter
    let quickReads: QuickReads

    public enum SaveOutcome: Hashable, Sendable {
        case stored
        /// The invitation had answered before; the earlier answers were replaced.
        case replaced(revision: Int)
    }

    /// Stores `answers` for an invitation, replacing earlier answers, all or nothing; committed (and,
    /// with `synchronous = FULL`, on disk) when this returns. Saves arriving together share a commit.
    public func save(invitationID: Int64, surveyID: String, definitionHash: String, answers: Answers) async throws(StorageError) -> SaveOutcome {
        try await run("store a response to \(surveyID)") {
            try await writer.write { db in
                let now = Timestamp.now()
                // An upsert, so two browsers posting the same link at once still leave one row.
                let revision = try Int.fetchOne(
                    db.cachedStatement(
                    sql: """
                        INSERT INTO response (invitation_id, survey_id, definition_hash, submitted_at, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(invitation_id) DO UPDATE SET definition_hash = excluded.definition_hash,
                            updated_at = excluded.updated_at, revision = revision + 1
                        RETURNING revision
                        """),
                    arguments: [invitationID, surveyID, definitionHash, now, now]) ?? 1
                try db.cachedStatement(sql: "DELETE FROM answer WHERE invitation_id = ?").execute(arguments: [invitationID])
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO answer (invitation_id, survey_id, question_id, position, value) VALUES (?, ?, ?, ?, ?)")
                for (questionID, values) in answers.values.sorted(by: { $0.key < $1.key }) {
                    for (position, value) in values.enumerated() {
                        try insert.execute(arguments: [invitationID, surveyID, questionID, position, value])
                    }
                }
                return revision == 1 ? .stored : .replaced(revision: revision)
            }
        }
    }

    /// The answers an invitation gave, or nil when it has not answered. (Read without a transaction:
    /// a save replaces a response and its answers in one commit, so whichever state the second query
    /// sees, it is one whole set of answers.)
    public func answers(invitationID: Int64) async throws(StorageError) -> Answers? {
        try await run("read a response") {
            try quickReads.read { db in
                guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM response WHERE invitation_id = ?"), arguments: [invitationID]) == true
                else { return nil }
                var values: [String: [String]] = [:]
                for row in try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT question_id, value FROM answer WHERE invitation_id = ? ORDER BY question_id, position"),
                    arguments: [invitationID])
                {
                    values[row["question_id"], default: []].append(row["value"])
                }
                return Answers(values)
            }
        }
    }

    /// Counts for a results report, read in one snapshot so the numbers agree with each other.
    public struct Tally: Hashable, Sendable {
        public let invited: Int
        public let responded: Int
        /// question id -> number of respondents who answered it
        public let answeredCount: [String: Int]
        /// question id -> stored value -> number of respondents
        public let valueCounts: [String: [String: Int]]

        public init(invited: Int, responded: Int, answeredCount: [String: Int], valueCounts: [String: [String: Int]]) {
            self.invited = invited
            self.responded = responded
            self.answeredCount = answeredCount
            self.valueCounts = valueCounts
        }
    }

    /// The counts of one channel: the panel's (the default, which the results are about) or the letters'.
    public func tally(surveyID: String, channel: Channel = .panel) async throws(StorageError) -> Tally {
        try await run("count the answers to \(surveyID)") {
            try await pool.read { db in
                let arguments: StatementArguments = [surveyID, channel.rawValue]
                let invited = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM invitation WHERE survey_id = ? AND channel = ? AND revoked_at IS NULL", arguments: arguments) ?? 0
                let responded = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM response r JOIN invitation i ON i.id = r.invitation_id WHERE r.survey_id = ? AND i.channel = ?",
                    arguments: arguments) ?? 0
                var answered: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.question_id, COUNT(DISTINCT a.invitation_id) AS n FROM answer a JOIN invitation i ON i.id = a.invitation_id
                        WHERE a.survey_id = ? AND i.channel = ? GROUP BY a.question_id
                        """,
                    arguments: arguments)
                {
                    answered[row["question_id"]] = row["n"]
                }
                var counts: [String: [String: Int]] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.question_id, a.value, COUNT(*) AS n FROM answer a JOIN invitation i ON i.id = a.invitation_id
                        WHERE a.survey_id = ? AND i.channel = ? GROUP BY a.question_id, a.value
                        """,
                    arguments: arguments)
                {
                    counts[row["question_id"], default: [:]][row["value"]] = row["n"]
                }
                return Tally(invited: invited, responded: responded, answeredCount: answered, valueCounts: counts)
            }
        }
    }
}

extension ResponseRepository {
    /// Per wijk: invitations, how many of them were delivered, how many answered.
    public struct Progress: Hashable, Sendable, Codable {
        public let invited: Int
        public let delivered: Int
        public let responded: Int
    }

    /// The panel's invitations per wijk (letters are counted by ``LetterRepository/progress(surveyID:)``).
    public func progressByWijk(surveyID: String) async throws(StorageError) -> [String: Progress] {
        try await run("count responses per wijk for \(surveyID)") {
            try await pool.read { db in
                var byWijk: [String: Progress] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.wijk, COUNT(*) AS invited,
                            SUM(EXISTS (SELECT 1 FROM outbox o WHERE o.invitation_id = i.id AND o.status = 'sent')) AS delivered,
                            SUM(EXISTS (SELECT 1 FROM response r WHERE r.invitation_id = i.id)) AS responded
                        FROM invitation i JOIN member m ON m.id = i.member_id
                        WHERE i.survey_id = ? AND i.channel = 'panel' AND i.revoked_at IS NULL GROUP BY m.wijk
                        """,
                    arguments: [surveyID])
                {
                    byWijk[row["wijk"]] = Progress(invited: row["invited"], delivered: row["delivered"], responded: row["responded"])
                }
                return byWijk
            }
        }
    }
}

extension ResponseRepository {
    /// One respondent's answer to a question with the categories weighting and breakdowns use.
    public struct RespondentRow: Hashable, Sendable {
        public let invitationID: Int64
        public let values: [String]
        public let wijk: String
        public let buurt: String?
        public let ageBand: String?
        public let gender: String
    }

    /// Every panel member who answered `questionID`, with their wijk, buurt, age band and gender.
    public func respondents(surveyID: String, questionID: String) async throws(StorageError) -> [RespondentRow] {
        try await run("read the respondents of \(surveyID)") {
            try await pool.read { db in
                var rows: [Int64: (values: [String], wijk: String, buurt: String?, ageBand: String?, gender: String)] = [:]
                var order: [Int64] = []
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.invitation_id, a.value, m.wijk, m.buurt, m.age_band, m.gender FROM answer a
                        JOIN invitation i ON i.id = a.invitation_id JOIN member m ON m.id = i.member_id
                        WHERE a.survey_id = ? AND a.question_id = ? AND i.channel = 'panel' ORDER BY a.invitation_id, a.position
                        """,
                    arguments: [surveyID, questionID])
                {
                    let id: Int64 = row["invitation_id"]
                    if rows[id] == nil {
                        order.append(id)
                        rows[id] = ([], row["wijk"], row["buurt"], row["age_band"], row["gender"])
                    }
                    rows[id]!.values.append(row["value"])
                }
                return order.map { id in
                    let row = rows[id]!
                    return RespondentRow(invitationID: id, values: row.values, wijk: row.wijk, buurt: row.buurt, ageBand: row.ageBand, gender: row.gender)
                }
            }
        }
    }
}

extension ResponseRepository {
    /// Every response with the respondent's categories and all answers, for anonymised exports.
    public struct FullResponse: Hashable, Sendable {
        public let invitationID: Int64
        public let channel: Channel
        /// Empty for a letter whose area is not known.
        public let wijk: String
        public let ageBand: String?
        /// Empty for letters: nobody asked.
        public let gender: String
        public let answers: [String: [String]]
    }

    /// The responses of one channel: the panel's by default, or the letters' (which have a wijk at
    /// most, no age band or gender).
    public func all(surveyID: String, channel: Channel = .panel) async throws(StorageError) -> [FullResponse] {
        try await run("read the responses to \(surveyID)") {
            try await pool.read { db in
                var answers: [Int64: [String: [String]]] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.invitation_id, a.question_id, a.value FROM answer a JOIN invitation i ON i.id = a.invitation_id
                        WHERE a.survey_id = ? AND i.channel = ? ORDER BY a.invitation_id, a.question_id, a.position
                        """,
                    arguments: [surveyID, channel.rawValue])
                {
                    answers[row["invitation_id"], default: [:]][row["question_id"], default: []].append(row["value"])
                }
                let sql =
                    switch channel {
                    case .panel:
                        """
                        SELECT r.invitation_id, m.wijk, m.age_band, m.gender FROM response r
                        JOIN invitation i ON i.id = r.invitation_id JOIN member m ON m.id = i.member_id
                        WHERE r.survey_id = ? AND i.channel = 'panel' ORDER BY r.invitation_id
                        """
                    case .letter:
                        """
                        SELECT r.invitation_id, COALESCE(l.wijk, '') AS wijk, NULL AS age_band, '' AS gender FROM response r
                        JOIN invitation i ON i.id = r.invitation_id JOIN letter l ON l.invitation_id = i.id
                        WHERE r.survey_id = ? AND i.channel = 'letter' ORDER BY r.invitation_id
                        """
                    }
                return try Row.fetchAll(db, sql: sql, arguments: [surveyID]).map { row in
                    let id: Int64 = row["invitation_id"]
                    return FullResponse(invitationID: id, channel: channel, wijk: row["wijk"], ageBand: row["age_band"],
                                        gender: row["gender"], answers: answers[id] ?? [:])
                }
            }
        }
    }
}

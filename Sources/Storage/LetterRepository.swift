import Foundation
import GRDB
import Secrets

/// Invitations by letter, for residents outside the panel: one code per address per survey. The
/// database keeps the code's SHA-256 (as any link's), the letter's wijk and buurt, and apart from
/// them a digest of each address, so a second run skips addresses that have a code already.
public struct LetterRepository: Sendable {
    let pool: DatabasePool

    /// One letter to issue: the address only as its normalised key (see `Panel.LetterAddress.key`),
    /// which is digested here and never stored as it is.
    public struct Letter: Hashable, Sendable {
        public let addressKey: String
        public let wijk: String?
        public let buurt: String?
        public init(addressKey: String, wijk: String?, buurt: String?) {
            self.addressKey = addressKey
            self.wijk = wijk
            self.buurt = buurt
        }
    }

    /// A letter just issued, with its code: the only moment the code exists outside the letter.
    public struct Issued: Sendable {
        /// Position of the letter in the list given to ``issue(surveyID:letters:)``.
        public let index: Int
        public let invitationID: Int64
        public let code: LetterCode
    }

    public struct IssueResult: Sendable {
        /// In the order of the letters given.
        public let issued: [Issued]
        /// Positions of letters whose address had a code for this survey already; none is issued.
        public let skipped: [Int]
    }

    /// What a presented code opens.
    public struct Found: Hashable, Sendable {
        public let invitationID: Int64
        public let surveyID: String
    }

    /// The stored digest of an address for a survey. The survey id is part of it, so the digests
    /// of one address for two surveys cannot be matched with each other.
    static func addressDigest(surveyID: String, addressKey: String) -> [UInt8] {
        SHA256.digest("draagvlak-letter-address\n\(surveyID)\n\(addressKey)")
    }

    /// Issues a code for every letter whose address has none for `surveyID` yet, in one transaction.
    /// Letters are stored in a random order, so invitation ids say nothing about the address file's order.
    public func issue(surveyID: String, letters: [Letter]) async throws(StorageError) -> IssueResult {
        let codes: [LetterCode]
        let order: [Int]
        do {
            codes = try letters.map { _ in try LetterCode.generate() }
            var shuffled = Array(letters.indices)
            for index in stride(from: shuffled.count - 1, to: 0, by: -1) {
                shuffled.swapAt(index, Int(try SecureRandom.uniform(below: UInt64(index + 1))))
            }
            order = shuffled
        } catch {
            throw StorageError(operation: "generate letter codes", reason: "\(error)")
        }
        return try await run("issue \(letters.count) letters for \(surveyID)") {
            try await pool.write { db in
                let now = Timestamp.now()
                let claim = try db.makeStatement(sql: "INSERT INTO letter_address (survey_id, digest) VALUES (?, ?) ON CONFLICT DO NOTHING")
                let invite = try db.makeStatement(sql: "INSERT INTO invitation (survey_id, channel, member_id, created_at) VALUES (?, 'letter', NULL, ?)")
                let area = try db.makeStatement(sql: "INSERT INTO letter (invitation_id, wijk, buurt) VALUES (?, ?, ?)")
                let link = try db.makeStatement(sql: "INSERT INTO invitation_token (digest, invitation_id, created_at) VALUES (?, ?, ?)")
                var issued: [Issued] = []
                var skipped: [Int] = []
                for index in order {
                    let letter = letters[index]
                    try claim.execute(arguments: [surveyID, Data(Self.addressDigest(surveyID: surveyID, addressKey: letter.addressKey))])
                    guard db.changesCount == 1 else {
                        skipped.append(index)
                        continue
                    }
                    try invite.execute(arguments: [surveyID, now])
                    let id = db.lastInsertedRowID
                    try area.execute(arguments: [id, letter.wijk, letter.buurt])
                    try link.execute(arguments: [Data(codes[index].digest), id, now])
                    issued.append(Issued(index: index, invitationID: id, code: codes[index]))
                }
                return IssueResult(issued: issued.sorted { $0.index < $1.index }, skipped: skipped.sorted())
            }
        }
    }

    /// The live letter invitation a code opens, or nil for an unknown or revoked code (callers must
    /// not tell the two apart to the visitor).
    public func find(code: LetterCode) async throws(StorageError) -> Found? {
        let digest = code.digest
        return try await run("look up a letter code") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT i.id, i.survey_id, t.digest FROM invitation_token t JOIN invitation i ON i.id = t.invitation_id
                        WHERE t.digest = ? AND i.channel = 'letter' AND i.revoked_at IS NULL
                        """,
                    arguments: [Data(digest)])
                else { return nil }
                guard constantTimeEqual(Array(row["digest"] as Data), digest) else { return nil }
                return Found(invitationID: row["id"], surveyID: row["survey_id"])
            }
        }
    }

    /// Withdraws the letter invitation of a code for `surveyID`; its answers, if any, stay counted.
    /// False when the code opens no live letter invitation to that survey.
    @discardableResult
    public func revoke(surveyID: String, code: LetterCode) async throws(StorageError) -> Bool {
        try await run("revoke a letter code") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE invitation SET revoked_at = ?
                        WHERE id = (SELECT invitation_id FROM invitation_token WHERE digest = ?)
                          AND survey_id = ? AND channel = 'letter' AND revoked_at IS NULL
                        """,
                    arguments: [Timestamp.now(), Data(code.digest), surveyID])
                return db.changesCount == 1
            }
        }
    }

    /// Takes back letters just issued whose files could not be written, so a second run issues them
    /// again: without the files nobody has their codes. Refuses (returns false) once any of them
    /// has answered, which would mean the codes did get out.
    public func retract(surveyID: String, issued: [Issued], addressKeys: [String]) async throws(StorageError) -> Bool {
        try await run("take back \(issued.count) letters for \(surveyID)") {
            try await pool.write { db in
                let ids = issued.map(\.invitationID)
                let json = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
                let answered = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM response WHERE invitation_id IN (SELECT value FROM json_each(?)) LIMIT 1", arguments: [json])
                guard answered != true else { return false }
                try db.execute(sql: "DELETE FROM invitation_token WHERE invitation_id IN (SELECT value FROM json_each(?))", arguments: [json])
                try db.execute(sql: "DELETE FROM letter WHERE invitation_id IN (SELECT value FROM json_each(?))", arguments: [json])
                try db.execute(sql: "DELETE FROM invitation WHERE channel = 'letter' AND id IN (SELECT value FROM json_each(?))", arguments: [json])
                let forget = try db.makeStatement(sql: "DELETE FROM letter_address WHERE survey_id = ? AND digest = ?")
                for key in addressKeys {
                    try forget.execute(arguments: [surveyID, Data(Self.addressDigest(surveyID: surveyID, addressKey: key))])
                }
                return true
            }
        }
    }

    /// How many addresses have a code for `surveyID` (revoked ones included: they had one).
    public func addressCount(surveyID: String) async throws(StorageError) -> Int {
        try await run("count letter addresses of \(surveyID)") {
            try await pool.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM letter_address WHERE survey_id = ?", arguments: [surveyID]) ?? 0
            }
        }
    }
}

extension LetterRepository {
    /// Letters issued and answered in one wijk and buurt (nil when the letter's area is not known).
    public struct AreaProgress: Hashable, Sendable {
        public let wijk: String?
        public let buurt: String?
        public let issued: Int
        public let responded: Int

        public init(wijk: String?, buurt: String?, issued: Int, responded: Int) {
            self.wijk = wijk
            self.buurt = buurt
            self.issued = issued
            self.responded = responded
        }
    }

    /// Live letters and their responses, per wijk and buurt.
    public func progress(surveyID: String) async throws(StorageError) -> [AreaProgress] {
        try await run("count letters per area for \(surveyID)") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT l.wijk, l.buurt, COUNT(*) AS issued,
                            SUM(EXISTS (SELECT 1 FROM response r WHERE r.invitation_id = i.id)) AS responded
                        FROM invitation i JOIN letter l ON l.invitation_id = i.id
                        WHERE i.survey_id = ? AND i.channel = 'letter' AND i.revoked_at IS NULL
                        GROUP BY l.wijk, l.buurt ORDER BY l.wijk, l.buurt
                        """,
                    arguments: [surveyID]
                ).map { AreaProgress(wijk: $0["wijk"], buurt: $0["buurt"], issued: $0["issued"], responded: $0["responded"]) }
            }
        }
    }

    /// One letter respondent's answer to a question, with the letter's area.
    public struct Respondent: Hashable, Sendable {
        public let invitationID: Int64
        public let values: [String]
        public let wijk: String?
        public let buurt: String?

        public init(invitationID: Int64, values: [String], wijk: String?, buurt: String?) {
            self.invitationID = invitationID
            self.values = values
            self.wijk = wijk
            self.buurt = buurt
        }
    }

    /// Everyone who answered `questionID` by letter.
    public func respondents(surveyID: String, questionID: String) async throws(StorageError) -> [Respondent] {
        try await run("read the letter respondents of \(surveyID)") {
            try await pool.read { db in
                var rows: [Int64: Respondent] = [:]
                var order: [Int64] = []
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.invitation_id, a.value, l.wijk, l.buurt FROM answer a
                        JOIN invitation i ON i.id = a.invitation_id JOIN letter l ON l.invitation_id = i.id
                        WHERE a.survey_id = ? AND a.question_id = ? AND i.channel = 'letter' ORDER BY a.invitation_id, a.position
                        """,
                    arguments: [surveyID, questionID])
                {
                    let id: Int64 = row["invitation_id"]
                    let earlier = rows[id]?.values ?? []
                    if earlier.isEmpty { order.append(id) }
                    rows[id] = Respondent(invitationID: id, values: earlier + [row["value"] as String], wijk: row["wijk"], buurt: row["buurt"])
                }
                return order.map { rows[$0]! }
            }
        }
    }
}

import Foundation
import GRDB
import Panel
import Secrets

/// Sign-ups from the public page, with double opt-in: a sign-up waits as contact data only (no member
/// exists) until the link in the confirmation mail is used, within ``confirmationPeriod``. The link's
/// token is known to the database only by its SHA-256.
public struct SignUpRepository: Sendable {
    let pool: DatabasePool

    /// How long a confirmation link works.
    public static let confirmationPeriod: TimeInterval = 7 * 24 * 3600
    /// Unconfirmed sign-ups one address may have at a time; beyond that no further mail goes to it,
    /// so the form cannot be used to flood someone's mailbox.
    public static let maxPendingPerAddress = 3

    public enum Submission: Sendable {
        /// Waiting for confirmation; the token is for the confirmation mail and exists nowhere else.
        case pending(SecretToken, expiresAt: Date)
        /// The address belongs to an active member already: nothing is stored and no mail is sent.
        case alreadyMember
        /// The address has ``maxPendingPerAddress`` unconfirmed sign-ups already.
        case tooManyPending
        /// The letter's code is unknown or was used already.
        case invalidCode
    }

    /// Where a confirmation link stands, without changing anything (for the page a GET shows).
    public enum LinkState: Hashable, Sendable {
        case valid(language: String)
        case expired(language: String)
        /// Never issued, already used, or expired and purged.
        case unknown
    }

    public enum Confirmation: Hashable, Sendable {
        /// A new member.
        case joined(memberID: String, language: String)
        /// Someone who had left (unsubscribed, lapsed or deactivated) is back, with the details just given.
        case rejoined(memberID: String, language: String)
        /// The address became an active member in the meantime (a second sign-up confirmed first).
        case alreadyMember(language: String)
        case expired(language: String)
        case unknown
    }

    /// Stores a sign-up until it is confirmed. Expired sign-ups of anyone are purged first.
    public func submit(_ application: SignUpApplication, code: LetterCode?, now: Date = Date()) async throws(StorageError) -> Submission {
        let token: SecretToken
        do { token = try SecretToken.generate() } catch { throw StorageError(operation: "generate a confirmation token", reason: "\(error)") }
        let expiresAt = now.addingTimeInterval(Self.confirmationPeriod)
        return try await run("record a sign-up") {
            try await pool.write { db in
                try Self.purgeExpired(db, now: now)
                if let code {
                    let usable = try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM recruitment_code WHERE digest = ? AND used_at IS NULL", arguments: [Data(code.digest)]) ?? false
                    guard usable else { return .invalidCode }
                }
                if try Self.activeMemberID(withEmail: application.email, db) != nil { return .alreadyMember }
                let pending = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM pending_signup WHERE email = ? COLLATE NOCASE", arguments: [application.email]) ?? 0
                guard pending < Self.maxPendingPerAddress else { return .tooManyPending }
                try db.execute(
                    sql: """
                        INSERT INTO pending_signup (token_digest, email, wijk, postcode, birth_year, gender, language, code_digest, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [Data(token.digest), application.email, application.wijk, application.postcode, application.birthYear,
                                application.gender.rawValue, application.language, code.map { Data($0.digest) },
                                Timestamp.format(now), Timestamp.format(expiresAt)])
                return .pending(token, expiresAt: expiresAt)
            }
        }
    }

    public func state(ofToken presented: String, now: Date = Date()) async throws(StorageError) -> LinkState {
        guard let digest = SecretToken.digest(ofPresented: presented) else { return .unknown }
        return try await run("look up a confirmation link") {
            try await pool.read { db in
                guard let row = try Self.pendingRow(digest, db) else { return .unknown }
                return Self.isExpired(row, now: now) ? .expired(language: row["language"]) : .valid(language: row["language"])
            }
        }
    }

    /// Confirms a sign-up: the member is created (or a former member comes back) and the sign-up
    /// is gone, in one transaction, so a link works once. A letter's code is used up here; if
    /// someone else used it in the meantime the member still joins, counted as an ordinary sign-up.
    public func confirm(token presented: String, referenceYear: Int, now: Date = Date()) async throws(StorageError) -> Confirmation {
        guard let digest = SecretToken.digest(ofPresented: presented) else { return .unknown }
        let newID: String
        do { newID = "aanm-" + Hex.encode(try SecureRandom.bytes(8)) } catch {
            throw StorageError(operation: "generate a member id", reason: "\(error)")
        }
        return try await run("confirm a sign-up") {
            try await pool.write { db in
                guard let row = try Self.pendingRow(digest, db) else { return .unknown }
                try db.execute(sql: "DELETE FROM pending_signup WHERE token_digest = ?", arguments: [Data(digest)])
                let language: String = row["language"]
                if Self.isExpired(row, now: now) { return .expired(language: language) }
                let application = SignUpApplication(
                    email: row["email"], wijk: row["wijk"], postcode: row["postcode"], birthYear: row["birth_year"],
                    gender: Gender(rawValue: row["gender"]) ?? .onbekend, language: language)
                if try Self.activeMemberID(withEmail: application.email, db) != nil { return .alreadyMember(language: language) }
                var via = "aanmelding"
                if let code = row["code_digest"] as Data? {
                    try db.execute(sql: "UPDATE recruitment_code SET used_at = ? WHERE digest = ? AND used_at IS NULL",
                                   arguments: [Timestamp.format(now), code])
                    if db.changesCount == 1 { via = "brief" }
                }
                let member = application.member(id: newID, referenceYear: referenceYear)
                let stamp = Timestamp.format(now)
                if let formerID = try Self.memberID(withEmail: application.email, db) {
                    try db.execute(
                        sql: """
                            UPDATE member SET wijk = ?, buurt = NULL, birth_year = ?, age_band = ?, gender = ?, language = ?, active = 1,
                                unsubscribed_at = NULL, lapsed_at = NULL, confirmed_at = ?, updated_at = ?
                            WHERE id = ?
                            """,
                        arguments: [member.wijk, member.birthYear, member.ageBand?.rawValue, member.gender.rawValue, member.language,
                                    stamp, stamp, formerID])
                    try db.execute(sql: "UPDATE member_contact SET postcode = ? WHERE member_id = ?", arguments: [member.postcode, formerID])
                    return .rejoined(memberID: formerID, language: language)
                }
                try db.execute(
                    sql: """
                        INSERT INTO member (id, wijk, buurt, birth_year, age_band, gender, language, active, created_at, updated_at,
                                            recruited_via, confirmed_at)
                        VALUES (?, ?, NULL, ?, ?, ?, ?, 1, ?, ?, ?, ?)
                        """,
                    arguments: [member.id, member.wijk, member.birthYear, member.ageBand?.rawValue, member.gender.rawValue, member.language,
                                stamp, stamp, via, stamp])
                try db.execute(sql: "INSERT INTO member_contact (member_id, email, postcode) VALUES (?, ?, ?)",
                               arguments: [member.id, member.email, member.postcode])
                return .joined(memberID: member.id, language: language)
            }
        }
    }

    /// Deletes every sign-up whose link has expired; returns how many.
    @discardableResult
    public func purgeExpired(now: Date = Date()) async throws(StorageError) -> Int {
        try await run("purge expired sign-ups") { try await pool.write { db in try Self.purgeExpired(db, now: now) } }
    }

    /// Unconfirmed sign-ups now waiting.
    public func pendingCount() async throws(StorageError) -> Int {
        try await run("count pending sign-ups") { try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pending_signup") ?? 0 } }
    }

    private static func purgeExpired(_ db: Database, now: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM pending_signup WHERE expires_at <= ?", arguments: [Timestamp.format(now)])
        return db.changesCount
    }

    private static func pendingRow(_ digest: [UInt8], _ db: Database) throws -> Row? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM pending_signup WHERE token_digest = ?", arguments: [Data(digest)]),
            constantTimeEqual(Array(row["token_digest"] as Data), digest)
        else { return nil }
        return row
    }

    private static func isExpired(_ row: Row, now: Date) -> Bool {
        guard let expires = Timestamp.parse(row["expires_at"]) else { return true }
        return now >= expires
    }

    /// A member (not erased) with this address, compared without case: one person, one membership.
    static func memberID(withEmail email: String, _ db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT m.id FROM member m JOIN member_contact c ON c.member_id = m.id WHERE c.email = ? COLLATE NOCASE AND m.erased_at IS NULL",
            arguments: [email])
    }

    /// The same, but only while the member is on the panel and wants invitations.
    static func activeMemberID(withEmail email: String, _ db: Database) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT m.id FROM member m JOIN member_contact c ON c.member_id = m.id
                WHERE c.email = ? COLLATE NOCASE AND m.erased_at IS NULL AND m.active = 1 AND m.unsubscribed_at IS NULL
                """,
            arguments: [email])
    }
}

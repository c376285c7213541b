import Foundation
import GRDB
import Secrets

/// Codes for recruitment letters: the municipality writes to a random sample from the population
/// register, each letter with a single-use code that leads to the ordinary sign-up. The code carries
/// nothing about the resident; it only lets the panel count who joined by letter.
public struct RecruitmentCodeRepository: Sendable {
    let pool: DatabasePool

    /// The most codes one run issues.
    public static let maxPerRun = 100_000

    /// Issues `count` new codes in one transaction and returns them: the only moment they exist
    /// outside the letters.
    public func issue(_ count: Int) async throws(StorageError) -> [LetterCode] {
        guard (1...Self.maxPerRun).contains(count) else {
            throw StorageError(operation: "issue recruitment codes", reason: "the number of codes must be 1 to \(Self.maxPerRun), not \(count)")
        }
        let codes: [LetterCode]
        do { codes = try (0..<count).map { _ in try LetterCode.generate() } } catch {
            throw StorageError(operation: "generate recruitment codes", reason: "\(error)")
        }
        return try await run("issue \(count) recruitment codes") {
            try await pool.write { db in
                let insert = try db.makeStatement(sql: "INSERT INTO recruitment_code (digest, created_at) VALUES (?, ?)")
                let now = Timestamp.now()
                // 79 random bits each: a collision would be a broken random generator, and the
                // primary key makes the whole run fail rather than hand out one code twice.
                for code in codes { try insert.execute(arguments: [Data(code.digest), now]) }
                return codes
            }
        }
    }

    /// Whether a code was issued and has not been used.
    public func isUsable(_ code: LetterCode) async throws(StorageError) -> Bool {
        try await run("look up a recruitment code") {
            try await pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM recruitment_code WHERE digest = ? AND used_at IS NULL", arguments: [Data(code.digest)]) ?? false
            }
        }
    }

    /// Codes issued and used so far.
    public func counts() async throws(StorageError) -> (issued: Int, used: Int) {
        try await run("count recruitment codes") {
            try await pool.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS issued, COUNT(used_at) AS used FROM recruitment_code")
                return (row?["issued"] ?? 0, row?["used"] ?? 0)
            }
        }
    }
}

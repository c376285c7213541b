import Foundation
import GRDB
import Secrets

/// Bearer tokens for staff scripts. Like invitation tokens, only their digests are stored.
public struct APITokenRepository: Sendable {
    let pool: DatabasePool
    /// Marks API tokens so they are recognisable in a config file or a leaked-secret scan.
    public static let prefix = "dvk_"

    /// Creates a token for `role` and returns it; it cannot be shown again.
    public func create(role: String, label: String) async throws(StorageError) -> SecretToken {
        let token: SecretToken
        do { token = try SecretToken.generate(prefix: Self.prefix) } catch {
            throw StorageError(operation: "generate an API token", reason: "\(error)")
        }
        try await run("store an API token") {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO api_token (digest, role, label, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [Data(token.digest), role, label, Timestamp.now()])
            }
        }
        return token
    }

    /// The role of a live token, or nil for an unknown, malformed or revoked one.
    public func role(of presented: String) async throws(StorageError) -> String? {
        guard let digest = SecretToken.digest(ofPresented: presented, prefix: Self.prefix) else { return nil }
        return try await run("check an API token") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT digest, role FROM api_token WHERE digest = ? AND revoked_at IS NULL", arguments: [Data(digest)])
                else { return nil }
                return constantTimeEqual(Array(row["digest"] as Data), digest) ? row["role"] : nil
            }
        }
    }
}

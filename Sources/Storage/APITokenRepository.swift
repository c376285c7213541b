import Foundation
import GRDB
import Initiatives
import Secrets

/// A live API token as its holder's scripts present it: which token (by row id, never the secret),
/// its role and, for roles bound to one, its wijk.
public struct APIToken: Hashable, Sendable {
    public let id: Int64
    public let role: String
    public let label: String
    public let wijk: String?
}

/// Bearer tokens for staff scripts. Like invitation tokens, only their digests are stored.
public struct APITokenRepository: Sendable {
    let pool: DatabasePool
    /// Marks API tokens so they are recognisable in a config file or a leaked-secret scan.
    public static let prefix = "dvk_"

    /// Creates a token for `role` (and `wijk`) and returns it; it cannot be shown again. The audit log
    /// records that `actor` made it, for which role, under which label.
    public func create(role: String, label: String, wijk: String? = nil, createdBy actor: String) async throws(StorageError) -> SecretToken {
        let token: SecretToken
        do { token = try SecretToken.generate(prefix: Self.prefix) } catch {
            throw StorageError(operation: "generate an API token", reason: "\(error)")
        }
        try await run("store an API token") {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO api_token (digest, role, label, wijk, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [Data(token.digest), role, label, wijk, Timestamp.now()])
                var details: AuditDetails = ["role": .text(role), "label": .text(label)]
                if let wijk { details["wijk"] = .text(wijk) }
                try AuditLog.append(
                    AuditRecord(actor: actor, action: .apiTokenCreated, subject: "token:\(db.lastInsertedRowID)", details: details), in: db)
            }
        }
        return token
    }

    /// The live token a presented secret is, or nil for an unknown, malformed or revoked one.
    public func find(presented: String) async throws(StorageError) -> APIToken? {
        guard let digest = SecretToken.digest(ofPresented: presented, prefix: Self.prefix) else { return nil }
        return try await run("check an API token") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT id, digest, role, label, wijk FROM api_token WHERE digest = ? AND revoked_at IS NULL", arguments: [Data(digest)]),
                    constantTimeEqual(Array(row["digest"] as Data), digest)
                else { return nil }
                return APIToken(id: row["id"], role: row["role"], label: row["label"], wijk: row["wijk"])
            }
        }
    }

    /// The role of a live token, or nil for an unknown, malformed or revoked one.
    public func role(of presented: String) async throws(StorageError) -> String? {
        try await find(presented: presented)?.role
    }
}

import Dispatch
import Foundation
import Initiatives
import Secrets
import Storage

/// Checks a username and password and keeps the account's failure count, lock and audit entries.
/// Every refusal but a lock looks the same to the visitor, and takes about as long: an unknown or
/// disabled username still costs one scrypt run.
struct StaffSignIn {
    let context: AppContext

    enum Outcome: Equatable {
        case signedIn(StaffAccount)
        /// Unknown username, wrong password or disabled account: the visitor is not told which.
        case rejected
        case locked(until: Date)
    }

    /// Longer input is refused without hashing it: no username is this long, and scrypt's cost should
    /// not be the visitor's to choose.
    static let maxUsernameLength = 64
    static let maxPasswordBytes = 1024

    func attempt(username: String, password: String, from address: String, at now: Date = Date()) async throws -> Outcome {
        let accounts = context.database.staffAccounts
        let fitting = username.count <= Self.maxUsernameLength && password.utf8.count <= Self.maxPasswordBytes && !username.isEmpty
        guard fitting, let (account, hash) = try await accounts.credentials(username: username), !account.isDisabled else {
            if fitting { _ = await Self.verify(password, against: nil) }
            // The name typed is not recorded: the log is permanent, and people type passwords into the wrong field.
            try await context.database.audit.append(AuditRecord(
                actor: "web", action: .loginFailed, subject: "account:(unknown)",
                details: ["reason": "unknown_or_disabled", "from": .text(address)]))
            return .rejected
        }
        if let until = account.lockedUntil, until > now {
            try await accounts.recordAttemptWhileLocked(username: account.username, at: now, from: address)
            return .locked(until: until)
        }
        guard await Self.verify(password, against: hash) else {
            switch try await accounts.recordFailure(accountID: account.id, at: now, policy: context.configuration.lockoutPolicy, from: address) {
            case .counted: return .rejected
            case .lockedNow(let until), .alreadyLocked(let until): return .locked(until: until)
            }
        }
        try await accounts.recordSuccess(accountID: account.id, at: now, from: address)
        return .signedIn(account)
    }

    /// scrypt takes tens of milliseconds and 32 MiB: run it on a dispatch thread, not the cooperative
    /// pool. Without a stored hash, the password is checked against a decoy and fails.
    static func verify(_ password: String, against stored: String?) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let matches = PasswordHasher().verify(password, against: stored ?? decoyHash)
                continuation.resume(returning: stored != nil && matches)
            }
        }
    }

    /// A hash of a random password, checked for usernames that do not exist so they take as long as ones that do.
    private static let decoyHash: String = {
        let password = (try? SecureRandom.bytes(24)).map(Base64URL.encode) ?? "decoy"
        return (try? PasswordHasher().hash(password)) ?? ""
    }()
}

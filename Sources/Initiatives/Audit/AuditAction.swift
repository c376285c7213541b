/// What an audit entry records, as a dotted name (`account.created`, `initiative.decided`). A struct
/// rather than an enum so each part of the product declares its own actions where it acts.
public struct AuditAction: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
}

extension AuditAction {
    public static let accountCreated: AuditAction = "account.created"
    public static let accountDisabled: AuditAction = "account.disabled"
    public static let accountPasswordChanged: AuditAction = "account.password_changed"
    public static let loginSucceeded: AuditAction = "login.succeeded"
    /// A wrong password, an unknown username, or an attempt on a locked or disabled account.
    public static let loginFailed: AuditAction = "login.failed"
    /// Too many failures in a row: the account is locked for a while.
    public static let loginLocked: AuditAction = "login.locked"
    public static let logout: AuditAction = "logout"
    /// A signed-in staff member or token asked for something their role does not allow (403).
    public static let accessRefused: AuditAction = "access.refused"
    public static let apiTokenCreated: AuditAction = "api_token.created"
}

import Initiatives

/// Who is making a staff request, however they proved it: a signed-in account (session cookie) or a
/// script's API token (Bearer header). Handlers get one of these from ``StaffAccess``.
public struct StaffPrincipal: Hashable, Sendable {
    public enum Credential: Hashable, Sendable {
        /// A browser session of the account `username`; its forms must carry `csrfToken`.
        case session(accountID: Int64, username: String, csrfToken: String)
        /// An API token, by its row id (never the secret).
        case apiToken(id: Int64)
    }

    public let credential: Credential
    /// The account's display name, or the token's label.
    public let name: String
    public let role: StaffRole
    /// The wijk the principal acts for; set exactly when ``StaffRole/requiresWijk``.
    public let wijk: String?

    public init(credential: Credential, name: String, role: StaffRole, wijk: String?) {
        self.credential = credential
        self.name = name
        self.role = role
        self.wijk = wijk
    }

    public func may(_ permission: StaffPermission) -> Bool { role.may(permission) }

    /// The role in the mandate rules, nil for admin and onderzoeker.
    public var decisionRole: Role? { role.decisionRole }

    /// How the audit log names this principal: `account:<username>` or `token:<id>`.
    public var auditActor: String {
        switch credential {
        case .session(_, let username, _): "account:\(username)"
        case .apiToken(let id): "token:\(id)"
        }
    }

    /// The token a session's forms carry in `_csrf`; nil for API tokens, which need none.
    public var csrfToken: String? {
        if case .session(_, _, let token) = credential { return token }
        return nil
    }
}

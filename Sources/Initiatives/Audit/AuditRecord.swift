/// Something to write to the audit log, before it has a place in the chain: who did what to what.
public struct AuditRecord: Hashable, Sendable {
    /// Who acted: `account:<username>`, `token:<id>`, `cli:<system user>`, or `web` for an anonymous visitor.
    public var actor: String
    public var action: AuditAction
    /// What was acted on, e.g. `account:jdevries` or `initiative:12`.
    public var subject: String
    public var details: AuditDetails

    public init(actor: String, action: AuditAction, subject: String, details: AuditDetails = [:]) {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
    }
}

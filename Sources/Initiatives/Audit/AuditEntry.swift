/// One link of the audit chain as stored. `hash` is the SHA-256 (lower-case hex) of ``canonicalText``,
/// which includes `prevHash`, so changing any entry breaks its own hash or the next entry's link.
public struct AuditEntry: Hashable, Sendable {
    /// 1, 2, 3, … without gaps.
    public let seq: Int64
    /// When, in UTC, as stored (ISO 8601 text); hashed as text so storage and hashing cannot disagree.
    public let at: String
    public let actor: String
    public let action: String
    public let subject: String
    /// Canonical JSON (``AuditDetails/canonicalJSON``) when written; hashed as stored.
    public let details: String
    public let prevHash: String
    public let hash: String

    public init(seq: Int64, at: String, actor: String, action: String, subject: String, details: String, prevHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The text that is hashed: a version line, then each field as `name length:value` on its own line.
    /// The byte length in front of every value keeps the encoding unambiguous whatever a value contains
    /// (newlines, colons), so no two different entries share a text.
    public var canonicalText: String {
        Self.canonicalText(seq: seq, at: at, actor: actor, action: action, subject: subject, details: details, prevHash: prevHash)
    }

    static func canonicalText(seq: Int64, at: String, actor: String, action: String, subject: String, details: String, prevHash: String) -> String {
        let fields = [
            ("seq", String(seq)), ("at", at), ("actor", actor), ("action", action), ("subject", subject),
            ("details", details), ("prev_hash", prevHash),
        ]
        return fields.reduce("draagvlak-audit-v1\n") { text, field in
            text + "\(field.0) \(field.1.utf8.count):\(field.1)\n"
        }
    }
}

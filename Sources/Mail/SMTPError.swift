/// Why a message was not delivered over SMTP, and whether trying again later can help.
///
/// The rule is the one RFC 5321 §4.2.1 gives servers for their replies: a 5xx reply is permanent
/// (`isPermanent`: do not retry; the recipient does not exist, the message is refused), a 4xx reply is
/// temporary. Everything that is not a reply to this message, such as a refused connection, a timeout, a
/// TLS failure or a relay that does not offer the required STARTTLS, is temporary too: it says something
/// about the relay or the network, not about the message, so the outbox keeps the message and retries
/// with back-off while the failure shows up in its status, instead of writing off every queued invitation
/// over one wrong setting.
///
/// Neither the password nor the message ever appears in an error: replies are the server's own lines,
/// and libcurl's texts name hosts and causes only.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    /// True for a 5xx reply: retrying this message will not help.
    public let isPermanent: Bool
    /// The server's reply, e.g. `550 5.1.1 mailbox unavailable` (lines of a multi-line reply joined by
    /// newlines), or, when the failure was no reply, libcurl's or our own explanation.
    public let reply: String
    /// The SMTP reply code of the failing reply, when the server sent one.
    public let code: Int?
    /// `host:port` of the relay, when known, for messages.
    public let relay: String?
    /// The SMTP command the failing reply answered (`RCPT`, `DATA`, …), when known. Only the verb is
    /// kept, never its arguments (an `AUTH` line carries credentials).
    public let command: String?

    public init(isPermanent: Bool, reply: String, code: Int? = nil, relay: String? = nil, command: String? = nil) {
        self.isPermanent = isPermanent
        self.reply = reply
        self.code = code
        self.relay = relay
        self.command = command
    }

    public var description: String {
        let kind = isPermanent ? "permanent failure, retrying will not help" : "temporary failure, retrying may help"
        let via = relay.map { " via \($0)" } ?? ""
        let oneLine = reply.split(whereSeparator: \.isNewline).joined(separator: " ")
        if code != nil {
            let after = command.map { " to \($0)" } ?? ""
            return "SMTP server\(via) replied\(after): \(oneLine) (\(kind))"
        }
        return "SMTP delivery\(via) failed: \(oneLine) (\(kind))"
    }
}

/// How to reach the SMTP relay that delivers the outbox.
///
/// The password is part of the value (the sender needs it), but never of its printed forms:
/// `description`, `debugDescription` and `dump` redact it, so logging a configuration is safe.
public struct SMTPConfiguration: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain SMTP, for a relay on the same host or a trusted network only: links travel in clear text.
        case none
        /// Plain connection upgraded with STARTTLS, which is required: if the server does not offer it,
        /// nothing is sent (libcurl's `CURLUSESSL_ALL`). The usual submission setup, port 587.
        case startTLS = "starttls"
        /// TLS from the first byte (`smtps://`, "implicit TLS"), port 465.
        case tls

        /// The port this kind of connection conventionally uses.
        public var defaultPort: Int {
            switch self {
            case .none: 25
            case .startTLS: 587
            case .tls: 465
            }
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// With `username` and `password`, libcurl authenticates with the best mechanism the server offers.
    public var username: String?
    public var password: String?
    /// The name given in EHLO; nil lets libcurl say `localhost`. Some relays want a real domain here.
    public var heloDomain: String?
    /// Upper bound for one whole delivery (connect, TLS, commands, data); the call never blocks longer.
    public var timeoutSeconds: Int
    /// A PEM file of CA certificates to trust instead of the system's, e.g. a test server's self-signed
    /// certificate. Certificates and host names are always verified.
    public var caFile: String?

    /// - Parameter port: nil picks ``Security/defaultPort``.
    public init(
        host: String, port: Int? = nil, security: Security = .startTLS, username: String? = nil,
        password: String? = nil, heloDomain: String? = nil, timeoutSeconds: Int = 30, caFile: String? = nil
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.heloDomain = heloDomain
        self.timeoutSeconds = timeoutSeconds
        self.caFile = caFile
    }

    /// `host:port`, with brackets around an IPv6 literal, for URLs and messages.
    public var relay: String {
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(bracketed):\(port)"
    }
}

extension SMTPConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var text = "SMTP \(relay) (\(security.rawValue)"
        if let username { text += ", user \(username), password \(password == nil ? "none" : "redacted")" }
        if let heloDomain { text += ", EHLO \(heloDomain)" }
        if let caFile { text += ", CA file \(caFile)" }
        return text + ", timeout \(timeoutSeconds) s)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "security": security, "username": username as Any,
                "password": password == nil ? "nil" : "redacted", "heloDomain": heloDomain as Any,
                "timeoutSeconds": timeoutSeconds, "caFile": caFile as Any,
            ], displayStyle: .struct)
    }
}

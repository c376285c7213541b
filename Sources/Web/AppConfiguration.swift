import Foundation
import MicroHTTP
import Storage

/// Everything an installation may set. Values come from defaults, then the configuration file, then
/// `DRAAGVLAK_*` environment variables, then command-line flags, each overriding the one before.
public struct AppConfiguration: Sendable, Hashable {
    /// Folder for the database and the outbox.
    public var dataDirectory = "data"
    public var surveysDirectory = "surveys"
    /// Templates, static files, population and rule data.
    public var resourcesDirectory = "Resources"
    public var host = "127.0.0.1"
    public var port: UInt16 = 8080
    /// The address residents use to reach the server; personal links start with it.
    public var publicURL = "http://127.0.0.1:8080"
    public var municipality = "Hilversum"
    /// The population file (relative to resourcesDirectory unless absolute).
    public var populationFile = "population/hilversum.csv"
    public var mailFromName = "Burgerpanel Hilversum"
    public var mailFromAddress = "burgerpanel@example.org"
    public var maxBodyBytes = 64 * 1024
    public var threadPoolSize = 2
    /// A connection that sends nothing for this long is closed: it bounds slow clients.
    public var connectionTimeoutSeconds = 30
    /// Connections one client address may hold open at once; 0 for none (behind a reverse proxy,
    /// where every client has the proxy's address).
    public var maxConnectionsPerClient = 100
    /// Panel fatigue: members who had this many invitations in the past year are left out.
    public var maxInvitationsPerYear = 6
    /// How often the server looks for waves of a monitor that opened and still need inviting.
    public var waveCheckSeconds = 300
    /// An SMTP relay; without a host, mail goes to `.eml` files in the outbox folder.
    public var smtpHost: String?
    public var smtpPort = 587
    /// `starttls` (required), `tls` (implicit, port 465) or `none` (only for a relay on this machine).
    public var smtpSecurity = "starttls"
    public var smtpUsername: String?
    public var smtpPassword: String?
    /// Messages per second handed to the relay.
    public var mailRate = 10.0
    /// The first retry after a temporary failure, in seconds; each later one waits twice as long.
    public var mailRetrySeconds = 30.0
    /// A staff session ends after this many minutes without a request, and after `sessionMaxHours` in any case.
    public var sessionIdleMinutes = 30
    public var sessionMaxHours = 12
    /// This many wrong passwords within `loginFailureWindowMinutes` lock an account for `loginLockMinutes`.
    public var loginMaxFailures = 5
    public var loginFailureWindowMinutes = 15
    public var loginLockMinutes = 15
    /// Sign-ups one client address may submit per hour (a token bucket that also allows this many at once).
    public var signupLimitPerHour = 10
    /// Feedback on a published survey goes to everyone invited, not only to those who answered.
    public var feedbackAllInvitees = false
    /// Unknown personal links, letter codes and initiative links one address may try at once, and how
    /// many more per minute after that (see `TokenGuessing`).
    public var tokenGuessBurst = 10
    public var tokenGuessPerMinute = 10
    /// Reverse proxies in front of the server, by address: for requests from them the client's
    /// address is taken from `X-Forwarded-For`, so that limits apply per client rather than to all.
    public var trustedProxies: Set<String> = []

    public init() {}

    public var sessionLifetime: SessionLifetime {
        SessionLifetime(idle: TimeInterval(sessionIdleMinutes * 60), absolute: TimeInterval(sessionMaxHours * 3600))
    }

    public var lockoutPolicy: LockoutPolicy {
        LockoutPolicy(maxFailures: loginMaxFailures, window: TimeInterval(loginFailureWindowMinutes * 60),
                      lockDuration: TimeInterval(loginLockMinutes * 60))
    }

    public var tokenGuessPolicy: ClientRateLimiter.Policy {
        ClientRateLimiter.Policy(burst: tokenGuessBurst, refillInterval: .seconds(60) / tokenGuessPerMinute)
    }

    /// Whether people reach the server over TLS (a proxy in front counts): then cookies are `Secure`.
    public var isBehindTLS: Bool { publicURL.lowercased().hasPrefix("https://") }

    public var databasePath: String { (dataDirectory as NSString).appendingPathComponent("draagvlak.sqlite") }
    public var outboxDirectory: String { (dataDirectory as NSString).appendingPathComponent("outbox") }
    public var templatesDirectory: String { (resourcesDirectory as NSString).appendingPathComponent("templates") }
    public var staticDirectory: String { (resourcesDirectory as NSString).appendingPathComponent("static") }
    /// The mandate and budget rules, one YAML file per edition.
    public var rulesDirectory: String { (resourcesDirectory as NSString).appendingPathComponent("rules") }
    public var populationPath: String {
        populationFile.hasPrefix("/") ? populationFile : (resourcesDirectory as NSString).appendingPathComponent(populationFile)
    }

    /// The personal link for an invitation token.
    public func link(forToken token: String) -> String {
        publicBase + "/s/" + token
    }

    /// The link in a sign-up's confirmation mail.
    public func link(forSignUpConfirmation token: String) -> String { publicBase + "/panel/bevestigen/" + token }

    /// The public sign-up page; with a recruitment letter's code (formatted) the code is filled in.
    public func signUpLink(code: String? = nil) -> String { publicBase + "/panel/aanmelden" + (code.map { "/" + $0 } ?? "") }

    /// A survey's public results page.
    public func resultsLink(surveyID: String) -> String { publicBase + "/uitkomsten/" + surveyID }

    /// The short link printed on a letter, where a resident types the code.
    public var codeEntryLink: String { publicBase + "/c" }

    /// The full link for a letter's code (formatted, `K7QM-4XPD-…`), for a QR code or to type in.
    public func link(forCode code: String) -> String { codeEntryLink + "/" + code }

    private var publicBase: String { publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }

    /// The settings by their names in the configuration file and (upper-cased, `DRAAGVLAK_` prefixed)
    /// in the environment.
    public static let keys = [
        "data", "surveys", "resources", "host", "port", "public_url", "municipality", "population_file",
        "mail_from_name", "mail_from_address", "max_body_bytes", "thread_pool_size", "connection_timeout_seconds",
        "max_connections_per_client", "max_invitations_per_year",
        "smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_password", "mail_rate", "mail_retry_seconds",
        "session_idle_minutes", "session_max_hours", "login_max_failures", "login_failure_window_minutes", "login_lock_minutes",
        "wave_check_seconds", "signup_limit_per_hour", "feedback_all_invitees", "token_guess_burst", "token_guess_per_minute", "trusted_proxies",
    ]

    public struct InvalidSetting: Error, CustomStringConvertible, Sendable {
        public let source: String
        public let key: String
        public let message: String
        public var description: String { "\(source): \(key): \(message)" }
    }

    /// Applies one setting; `source` names where it came from for the error message.
    public mutating func set(_ key: String, to value: String, source: String) throws(InvalidSetting) {
        func number<T: FixedWidthInteger>(_ type: T.Type, _ range: ClosedRange<T>) throws(InvalidSetting) -> T {
            guard let n = T(value), range.contains(n) else {
                throw InvalidSetting(source: source, key: key, message: "expected a whole number from \(range.lowerBound) to \(range.upperBound), found '\(value)'")
            }
            return n
        }
        switch key {
        case "data": dataDirectory = value
        case "surveys": surveysDirectory = value
        case "resources": resourcesDirectory = value
        case "host": host = value
        case "port": port = try number(UInt16.self, 0...65535)
        case "public_url":
            guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                throw InvalidSetting(source: source, key: key, message: "must start with http:// or https://, found '\(value)'")
            }
            publicURL = value
        case "municipality": municipality = value
        case "population_file": populationFile = value
        case "mail_from_name": mailFromName = value
        case "mail_from_address": mailFromAddress = value
        case "max_body_bytes": maxBodyBytes = try number(Int.self, 1024...(16 << 20))
        case "thread_pool_size": threadPoolSize = try number(Int.self, 1...64)
        case "connection_timeout_seconds": connectionTimeoutSeconds = try number(Int.self, 1...3600)
        case "max_connections_per_client": maxConnectionsPerClient = try number(Int.self, 0...10_000)
        case "max_invitations_per_year": maxInvitationsPerYear = try number(Int.self, 1...365)
        case "wave_check_seconds": waveCheckSeconds = try number(Int.self, 1...86_400)
        case "smtp_host": smtpHost = value.isEmpty ? nil : value
        case "smtp_port": smtpPort = try number(Int.self, 1...65535)
        case "smtp_security":
            guard ["starttls", "tls", "none"].contains(value) else {
                throw InvalidSetting(source: source, key: key, message: "expected starttls, tls or none, found '\(value)'")
            }
            smtpSecurity = value
        case "smtp_username": smtpUsername = value.isEmpty ? nil : value
        case "smtp_password": smtpPassword = value.isEmpty ? nil : value
        case "mail_rate":
            guard let rate = Double(value), rate > 0, rate <= 1000 else {
                throw InvalidSetting(source: source, key: key, message: "expected messages per second from 0.01 to 1000, found '\(value)'")
            }
            mailRate = rate
        case "mail_retry_seconds":
            guard let seconds = Double(value), seconds >= 0.1, seconds <= 86400 else {
                throw InvalidSetting(source: source, key: key, message: "expected seconds from 0.1 to 86400, found '\(value)'")
            }
            mailRetrySeconds = seconds
        case "session_idle_minutes": sessionIdleMinutes = try number(Int.self, 1...1440)
        case "session_max_hours": sessionMaxHours = try number(Int.self, 1...168)
        case "login_max_failures": loginMaxFailures = try number(Int.self, 1...100)
        case "login_failure_window_minutes": loginFailureWindowMinutes = try number(Int.self, 1...1440)
        case "login_lock_minutes": loginLockMinutes = try number(Int.self, 1...1440)
        case "signup_limit_per_hour": signupLimitPerHour = try number(Int.self, 1...10_000)
        case "feedback_all_invitees":
            switch value.lowercased() {
            case "true", "yes", "1": feedbackAllInvitees = true
            case "false", "no", "0": feedbackAllInvitees = false
            default: throw InvalidSetting(source: source, key: key, message: "expected true or false, found '\(value)'")
            }
        case "token_guess_burst": tokenGuessBurst = try number(Int.self, 1...10_000)
        case "token_guess_per_minute": tokenGuessPerMinute = try number(Int.self, 1...60_000)
        case "trusted_proxies":
            let addresses = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for address in addresses where !address.contains(".") && !address.contains(":") {
                throw InvalidSetting(source: source, key: key, message: "expected IP addresses separated by commas, found '\(address)'")
            }
            trustedProxies = Set(addresses)
        default:
            throw InvalidSetting(source: source, key: key, message: "unknown setting (known: \(Self.keys.joined(separator: ", ")))")
        }
    }

    /// Applies `DRAAGVLAK_<KEY>` variables from `environment`.
    public mutating func applyEnvironment(_ environment: [String: String]) throws(InvalidSetting) {
        for key in Self.keys {
            if let value = environment["DRAAGVLAK_" + key.uppercased()] { try set(key, to: value, source: "environment DRAAGVLAK_\(key.uppercased())") }
        }
    }
}

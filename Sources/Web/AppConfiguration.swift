import Foundation

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

    public init() {}

    public var databasePath: String { (dataDirectory as NSString).appendingPathComponent("draagvlak.sqlite") }
    public var outboxDirectory: String { (dataDirectory as NSString).appendingPathComponent("outbox") }
    public var templatesDirectory: String { (resourcesDirectory as NSString).appendingPathComponent("templates") }
    public var staticDirectory: String { (resourcesDirectory as NSString).appendingPathComponent("static") }
    public var populationPath: String {
        populationFile.hasPrefix("/") ? populationFile : (resourcesDirectory as NSString).appendingPathComponent(populationFile)
    }

    /// The personal link for an invitation token.
    public func link(forToken token: String) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/s/" + token
    }

    /// The settings by their names in the configuration file and (upper-cased, `DRAAGVLAK_` prefixed)
    /// in the environment.
    public static let keys = [
        "data", "surveys", "resources", "host", "port", "public_url", "municipality", "population_file",
        "mail_from_name", "mail_from_address", "max_body_bytes", "thread_pool_size",
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

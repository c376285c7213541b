import Storage
import Logging
import ArgumentParser
import Foundation
import Logging
import Web
import Yams

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Folder for the database and the outbox (default ./data).")
    var data: String?

    @Option(name: .long, help: "Configuration file (YAML, keys as in the README); default ./draagvlak.yaml if present.")
    var config: String?

    @Option(name: .long, help: "Folder of survey files (default ./surveys).")
    var surveys: String?

    @Option(name: .long, help: "Folder of templates, static files and data (default ./Resources).")
    var resources: String?

    /// Defaults < configuration file < environment < flags.
    func configuration(overrides: [String: String] = [:]) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        let environment = ProcessInfo.processInfo.environment
        let file = config ?? environment["DRAAGVLAK_CONFIG"] ?? (FileManager.default.fileExists(atPath: "draagvlak.yaml") ? "draagvlak.yaml" : nil)
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandFailure("cannot read the configuration file \(file)") }
            let settings: [String: Any]
            do { settings = try (Yams.load(yaml: text) as? [String: Any]) ?? [:] } catch {
                throw CommandFailure("\(file) is not valid YAML: \(error)")
            }
            for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
                try configuration.set(key, to: "\(value)", source: file)
            }
        }
        try configuration.applyEnvironment(environment)
        var flags = overrides
        if let data { flags["data"] = data }
        if let surveys { flags["surveys"] = surveys }
        if let resources { flags["resources"] = resources }
        for (key, value) in flags.sorted(by: { $0.key < $1.key }) { try configuration.set(key, to: value, source: "--\(key.replacingOccurrences(of: "_", with: "-"))") }
        return configuration
    }

    /// Opens everything a command needs (database, templates, population, surveys).
    @inline(never)  // works around a Swift 6.3.1 optimizer crash (coroutine splitting, typed-throws callee)
    func openContext(overrides: [String: String] = [:]) async throws -> AppContext {
        let configuration = try configuration(overrides: overrides)
        return try await AppContext.open(configuration, logger: Self.logger)
    }

    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["DRAAGVLAK_LOG_LEVEL"] ?? "info") ?? .info
            return handler
        }
        return Logger(label: "draagvlak")
    }()
}

import Foundation
import Initiatives
import Logging
import Mail
import MicroHTTP
import Secrets
import Panel
import RuleFiles
import Storage
import Surveys

/// What every handler and command shares: configuration, the database, the surveys in force, the
/// page renderer and the municipality's geography. Built once at start.
public final class AppContext: Sendable {
    public let configuration: AppConfiguration
    public let database: DraagvlakDatabase
    public let catalog: SurveyCatalog
    public let renderer: PageRenderer
    public let population: PopulationTable
    public let gemeente: Gemeente
    /// Every edition of the mandate and budget rules; an initiative is judged by the one in force on
    /// the day it was submitted.
    public let rules: RuleBook
    public let logger: Logger
    /// Seals message bodies while they wait in the outbox.
    public let outboxKey: SymmetricKey
    /// What each client address has left for unknown links and codes (see `TokenGuessing`).
    public let tokenGuesses: ClientRateLimiter
    /// Results reports kept until the database changes.
    let results = ResultsCache()

    public init(
        configuration: AppConfiguration, database: DraagvlakDatabase, catalog: SurveyCatalog, renderer: PageRenderer,
        population: PopulationTable, rules: RuleBook, outboxKey: SymmetricKey, logger: Logger
    ) {
        self.outboxKey = outboxKey
        self.tokenGuesses = ClientRateLimiter(policy: configuration.tokenGuessPolicy)
        self.configuration = configuration
        self.database = database
        self.catalog = catalog
        self.renderer = renderer
        self.population = population
        self.gemeente = population.gemeente(named: configuration.municipality)
        self.rules = rules
        self.logger = logger
    }

    /// Opens the database, reads templates, population and the mandate rules, and loads the survey
    /// files. A bad rule file stops the start: deciding under rules that do not add up is worse than
    /// not deciding.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws(StartupError) -> AppContext {
        let renderer: PageRenderer
        do { renderer = try await PageRenderer(directory: configuration.templatesDirectory) } catch {
            throw StartupError(message: error.description)
        }
        let database: DraagvlakDatabase
        do { database = try DraagvlakDatabase(path: configuration.databasePath) } catch {
            throw StartupError(message: error.description)
        }
        // Imported margins (draagvlak population import) take precedence over the shipped file.
        let population: PopulationTable
        do {
            if let imported = try await database.population.current() {
                population = imported
            } else {
                population = try PopulationTable.parse(try String(contentsOfFile: configuration.populationPath, encoding: .utf8))
            }
        } catch {
            throw StartupError(message: "cannot read the population margins (\(configuration.populationPath)): \(error)")
        }
        let rules: RuleBook
        do {
            rules = try RuleFileLoader.loadBook(
                directory: configuration.rulesDirectory, wijken: population.gemeente(named: configuration.municipality).wijken)
        } catch {
            try? database.close()
            throw StartupError(message: "the mandate rules cannot be used; fix these problems and start again:\n\(error)")
        }
        logger.info("mandate rules: \(rules.editions.map { "edition \($0.id) from \($0.effectiveFrom)" }.joined(separator: ", "))")
        do {
            // Which rules decisions are taken under is part of the record: a changed rule file is audited.
            let files = (try? RuleFileLoader.ruleFiles(in: configuration.rulesDirectory)) ?? []
            let contents = files.map { path in (path as NSString).lastPathComponent + "\n" + ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "") }
            try await database.audit.appendIfChanged(AuditRecord(
                actor: "system", action: "rules.loaded", subject: "sha256:\(SHA256.hexDigest(contents.joined(separator: "\u{0}")))",
                details: ["editions": .text(rules.editions.map { "\($0.id)@\($0.effectiveFrom)" }.joined(separator: ", ")),
                          "files": .text(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))]))
        } catch {
            try? database.close()
            throw StartupError(message: "cannot record the rule files in the audit log: \(error)")
        }
        let outboxKey: SymmetricKey
        do { outboxKey = try OutboxKey.load(dataDirectory: configuration.dataDirectory) } catch {
            throw StartupError(message: "cannot read or create the outbox key in \(configuration.dataDirectory): \(error)")
        }
        let context = AppContext(
            configuration: configuration, database: database, catalog: SurveyCatalog(), renderer: renderer,
            population: population, rules: rules, outboxKey: outboxKey, logger: logger)
        do { try await SurveyLoading.reload(context) } catch {
            throw StartupError(message: error.description)
        }
        return context
    }

    /// The transport the configuration asks for: SMTP when a host is set, else the `.eml` folder.
    public var mailTransport: MailTransport {
        guard let host = configuration.smtpHost else { return .folder(EmlFolder(path: configuration.outboxDirectory)) }
        let security: SMTPConfiguration.Security =
            switch configuration.smtpSecurity {
            case "tls": .tls
            case "none": .none
            default: .startTLS
            }
        let smtp = SMTPConfiguration(
            host: host, port: configuration.smtpPort, security: security, username: configuration.smtpUsername,
            password: configuration.smtpPassword, heloDomain: nil, timeoutSeconds: 30, caFile: nil)
        return .smtp(SMTPSender(configuration: smtp), rate: configuration.mailRate)
    }

    public func outboxDelivery() -> OutboxDelivery {
        OutboxDelivery(outbox: database.outbox, key: outboxKey, transport: mailTransport,
                       from: configuration.mailFromAddress, retryBase: configuration.mailRetrySeconds, logger: logger)
    }

    /// A survey's definition: the one in force, or for a survey whose file is gone, the last version
    /// stored, so links already sent keep working.
    public func survey(_ id: String) async throws(StorageError) -> SurveyCatalog.Entry? {
        if let entry = catalog[id] { return entry }
        return try await database.surveys.current(id).map { SurveyCatalog.Entry(definition: $0.definition, hash: $0.hash) }
    }
}

public struct StartupError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

extension AppContext {
    /// The initiative a survey measures the draagvlak of: the one that started it as its buurttoetsing, or
    /// the one its file names with `initiative:`.
    public func initiative(ofSurvey definition: SurveyDefinition) async throws -> Initiative? {
        if let started = try await database.initiatives.find(surveyID: definition.id) { return started }
        guard let id = definition.initiative else { return nil }
        return try await database.initiatives.find(id: id)
    }
}

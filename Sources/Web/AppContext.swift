import Foundation
import Logging
import Panel
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
    public let logger: Logger

    public init(
        configuration: AppConfiguration, database: DraagvlakDatabase, catalog: SurveyCatalog, renderer: PageRenderer,
        population: PopulationTable, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.catalog = catalog
        self.renderer = renderer
        self.population = population
        self.gemeente = population.gemeente(named: configuration.municipality)
        self.logger = logger
    }

    /// Opens the database, reads templates and population, and loads the survey files.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws(StartupError) -> AppContext {
        let population: PopulationTable
        do {
            let text = try String(contentsOfFile: configuration.populationPath, encoding: .utf8)
            population = try PopulationTable.parse(text)
        } catch {
            throw StartupError(message: "cannot read the population file \(configuration.populationPath): \(error)")
        }
        let renderer: PageRenderer
        do { renderer = try await PageRenderer(directory: configuration.templatesDirectory) } catch {
            throw StartupError(message: error.description)
        }
        let database: DraagvlakDatabase
        do { database = try DraagvlakDatabase(path: configuration.databasePath) } catch {
            throw StartupError(message: error.description)
        }
        let context = AppContext(
            configuration: configuration, database: database, catalog: SurveyCatalog(), renderer: renderer,
            population: population, logger: logger)
        do { try await SurveyLoading.reload(context) } catch {
            throw StartupError(message: error.description)
        }
        return context
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

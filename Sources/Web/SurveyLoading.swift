import Logging
import Storage
import SurveyFiles
import Surveys

/// Loads `surveys/*.yaml`, records each definition's version in the database and puts the valid ones
/// in force. A file with errors is reported and left out; it never replaces a good version.
public enum SurveyLoading {
    public struct Report: Sendable {
        public let loaded: [String]
        public let issues: [SurveyFileIssue]
    }

    @discardableResult
    public static func reload(_ context: AppContext) async throws(Storage.StorageError) -> Report {
        let (definitions, issues) = SurveyFileLoader.loadDirectory(context.configuration.surveysDirectory)
        for issue in issues { context.logger.error("survey file: \(issue)") }
        var entries: [SurveyCatalog.Entry] = []
        for definition in definitions {
            let (hash, outcome) = try await context.database.surveys.register(definition)
            if case .newVersion = outcome { context.logger.notice("survey \(definition.id): new version \(hash.prefix(12))") }
            entries.append(SurveyCatalog.Entry(definition: definition, hash: hash))
        }
        // Surveys that failed to load keep the version that was in force.
        var byID = Dictionary(entries.map { ($0.definition.id, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in context.catalog.all where byID[entry.definition.id] == nil && issues.contains(where: { $0.file.hasSuffix("\(entry.definition.id).yaml") }) {
            byID[entry.definition.id] = entry
        }
        context.catalog.replace(with: Array(byID.values))
        context.logger.info("surveys in force: \(byID.keys.sorted().joined(separator: ", "))")
        return Report(loaded: definitions.map(\.id), issues: issues)
    }
}

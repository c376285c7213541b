import Foundation
import Logging
import Storage
import SurveyFiles
import Surveys

/// Loads `surveys/*.yaml`, records each definition's version in the database and puts the valid ones
/// in force. A file with errors, or a change that would reinterpret stored answers, never replaces
/// the version in force: it is reported, and the last good version stays live.
public enum SurveyLoading {
    public struct Report: Sendable, Encodable {
        public struct Refusal: Sendable, Encodable {
            public let survey: String
            public let problems: [String]
        }
        public struct Issue: Sendable, Encodable {
            public let file: String
            public let line: Int
            public let column: Int
            public let message: String
        }
        public let loaded: [String]
        public let refused: [Refusal]
        public let issues: [Issue]
        /// The surveys in force after the reload.
        public let inForce: [String]

        enum CodingKeys: String, CodingKey {
            case loaded, refused, issues
            case inForce = "in_force"
        }
    }

    @discardableResult
    public static func reload(_ context: AppContext) async throws(StorageError) -> Report {
        let folder = context.configuration.surveysDirectory
        let (definitions, issues) = SurveyFileLoader.loadDirectory(folder)
        for issue in issues { context.logger.error("survey file: \(issue)") }
        var entries: [String: SurveyCatalog.Entry] = [:]
        var refused: [Report.Refusal] = []
        let previous = Dictionary(context.catalog.all.map { ($0.definition.id, $0) }, uniquingKeysWith: { first, _ in first })
        for definition in definitions {
            let (hash, outcome) = try await context.database.surveys.register(definition)
            switch outcome {
            case .refused(let problems):
                for problem in problems { context.logger.error("survey \(definition.id): change refused: \(problem)") }
                refused.append(.init(survey: definition.id, problems: problems))
                if let current = try await context.database.surveys.current(definition.id) {
                    entries[definition.id] = SurveyCatalog.Entry(definition: current.definition, hash: current.hash)
                }
            case .newVersion:
                context.logger.notice("survey \(definition.id): new version \(hash.prefix(12))")
                entries[definition.id] = SurveyCatalog.Entry(definition: definition, hash: hash)
            case .new, .unchanged:
                entries[definition.id] = SurveyCatalog.Entry(definition: definition, hash: hash)
            }
        }
        // A survey whose file now fails to load keeps the version that was in force.
        for file in Set(issues.map(\.file)) {
            guard let id = surveyID(inFile: file), entries[id] == nil, let kept = previous[id] else { continue }
            context.logger.warning("survey \(id): \(file) has errors; the version in force stays live")
            entries[id] = kept
        }
        context.catalog.replace(with: Array(entries.values))
        let inForce = entries.keys.sorted()
        context.logger.info("surveys in force: \(inForce.joined(separator: ", "))")
        return Report(
            loaded: definitions.map(\.id).filter { id in !refused.contains { $0.survey == id } },
            refused: refused,
            issues: issues.map { .init(file: $0.file, line: $0.line, column: $0.column, message: $0.message) },
            inForce: inForce)
    }

    /// The `id:` a survey file declares, read leniently from a file that may not parse; else its name.
    static func surveyID(inFile path: String) -> String? {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("id:") {
                let value = line.dropFirst(3).split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? ""
                let unquoted = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if !unquoted.isEmpty { return unquoted }
            }
        }
        let name = (path as NSString).lastPathComponent
        return name.isEmpty ? nil : (name as NSString).deletingPathExtension
    }
}

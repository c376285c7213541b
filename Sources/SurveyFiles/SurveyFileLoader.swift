import YAMLFiles
import Foundation
import Surveys
import Yams

/// Reads survey definitions from YAML files (SPEC §3), reporting every problem with file, line and
/// column, so staff can fix a file in one go.
public enum SurveyFileLoader {
    /// Parses one file's text; collects all problems it can find and throws them together.
    public static func parse(_ text: String, file: String) throws(SurveyFileErrors) -> SurveyDefinition {
        try SurveyFileParser.parse(text, file: file).get().definition
    }

    /// Reads and parses one file from disk; a file that cannot be read is an issue at 0:0.
    public static func load(path: String) throws(SurveyFileErrors) -> SurveyDefinition {
        try SurveyFileParser.parse(try readText(path: path), file: path).get().definition
    }

    /// Every `*.yaml` and `*.yml` file in a directory, in name order: the definitions of the good
    /// files and the issues of the bad ones. A file repeating an earlier file's survey id is bad,
    /// so one survey never has two definitions.
    public static func loadDirectory(_ path: String) -> (definitions: [SurveyDefinition], issues: [SurveyFileIssue]) {
        let files: [String]
        do {
            files = try surveyFiles(in: path)
        } catch {
            return ([], [SurveyFileIssue(file: path, line: 0, column: 0, message: "cannot read the folder: \(error.reason)")])
        }
        var definitions: [SurveyDefinition] = []
        var issues: [SurveyFileIssue] = []
        var idFiles: [String: String] = [:]
        for file in files {
            let parsed: ReadSurvey
            do throws(SurveyFileErrors) {
                parsed = try SurveyFileParser.parse(try readText(path: file), file: file).get()
            } catch {
                issues += error.issues
                continue
            }
            // A file with `repeat` stands for one survey per wave; every one of their ids must be free.
            let waves = parsed.definition.expandedWaves()
            if let clash = waves.first(where: { idFiles[$0.id] != nil }) {
                issues.append(SurveyFileIssue(
                    file: file, line: parsed.idMark?.line ?? 0, column: parsed.idMark?.column ?? 0,
                    message: "survey id '\(clash.id)'\(waves.count > 1 ? " (a wave of this file)" : "") is already used by \(idFiles[clash.id]!)"))
                continue
            }
            for wave in waves {
                idFiles[wave.id] = file
                definitions.append(wave)
            }
        }
        return (definitions, issues)
    }

    static func surveyFiles(in directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names
            // Editors leave hidden swap and backup files next to the ones being edited.
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
            .map { base + $0 }
    }

    static func readText(path: String) throws(SurveyFileErrors) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SurveyFileErrors(issues: [
                SurveyFileIssue(file: path, line: 0, column: 0, message: "cannot read the file: \(error.reason)")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SurveyFileErrors(issues: [
                SurveyFileIssue(file: path, line: 0, column: 0, message: "the file is not valid UTF-8 text")
            ])
        }
        return text
    }
}

extension Error {
    /// The system's wording, without the type names of `String(describing:)`.
    var reason: String { (self as NSError).localizedDescription }
}

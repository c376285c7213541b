import YAMLFiles
import Foundation
import Initiatives
import Yams

/// Reads the mandate and budget rules (one YAML file per edition, SPEC §6) into a `RuleBook`,
/// reporting every problem with file, line and column, so staff can fix a file in one go.
public enum RuleFileLoader {
    /// One file's text to an edition. `wijken` are the gemeente's wijken its budget table must list
    /// (nil skips that check).
    public static func parse(_ text: String, file: String, wijken: [String]?) throws(RuleFileErrors) -> RuleEdition {
        try read(text, file: file, wijken: wijken).edition
    }

    /// Reads and parses one file; a file that cannot be read is an issue at 0:0.
    public static func load(path: String, wijken: [String]?) throws(RuleFileErrors) -> RuleEdition {
        try read(try readText(path: path), file: path, wijken: wijken).edition
    }

    /// Every `*.yaml`/`*.yml` file in `directory` as one rule book; fails with every problem of
    /// every file, and when the folder holds no rule file at all.
    public static func loadBook(directory: String, wijken: [String]?) throws(RuleFileErrors) -> RuleBook {
        try loadBook(paths: try ruleFiles(in: directory), wijken: wijken, emptyMessage: "the folder has no rule files (*.yaml)", place: directory)
    }

    /// The given files as one rule book, or every problem found in them. Two editions taking effect on
    /// the same day, or with the same id, are an error in the later file.
    public static func loadBook(paths: [String], wijken: [String]?) throws(RuleFileErrors) -> RuleBook {
        try loadBook(paths: paths, wijken: wijken, emptyMessage: "no rule files given", place: "(rules)")
    }

    /// The rule files in a folder, in name order; hidden files (editors' swap files) are left out.
    public static func ruleFiles(in directory: String) throws(RuleFileErrors) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw RuleFileErrors(issues: [RuleFileIssue(file: directory, line: 0, column: 0, message: "cannot read the rules folder: \(error.reason)")])
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted().map { base + $0 }
    }

    private static func loadBook(paths: [String], wijken: [String]?, emptyMessage: String, place: String) throws(RuleFileErrors) -> RuleBook {
        guard !paths.isEmpty else { throw RuleFileErrors(issues: [RuleFileIssue(file: place, line: 0, column: 0, message: emptyMessage)]) }
        var issues: [RuleFileIssue] = []
        var editions: [RuleEdition] = []
        var byDate: [CalendarDate: (id: String, file: String)] = [:]
        var byID: [String: String] = [:]
        for path in paths {
            let read: ReadEdition
            do throws(RuleFileErrors) { read = try Self.read(try readText(path: path), file: path, wijken: wijken) } catch {
                issues += error.issues
                continue
            }
            let edition = read.edition
            if let earlier = byDate[edition.effectiveFrom] {
                issues.append(read.issue(
                    "edition '\(edition.id)' takes effect on \(edition.effectiveFrom), like edition '\(earlier.id)' in \(earlier.file); one day can have only one edition in force",
                    at: [RuleKey.effectiveFrom]))
                continue
            }
            if let earlier = byID[edition.id] {
                issues.append(read.issue("edition id '\(edition.id)' is already used in \(earlier); give each edition its own id", at: [RuleKey.edition]))
                continue
            }
            byDate[edition.effectiveFrom] = (edition.id, path)
            byID[edition.id] = path
            editions.append(edition)
        }
        guard issues.isEmpty else { throw RuleFileErrors(issues: issues) }
        do { return try RuleBook(editions: editions) } catch {
            // The checks above already refuse what the book refuses; this guards a gap between them.
            throw RuleFileErrors(issues: error.problems.map { RuleFileIssue(file: paths[0], line: 0, column: 0, message: $0.description) })
        }
    }

    private struct ReadEdition {
        let edition: RuleEdition
        let root: Node
        let file: String

        func issue(_ message: String, at path: [String]) -> RuleFileIssue {
            let mark = root.mark(of: path)
            return RuleFileIssue(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message)
        }
    }

    /// A rule file is a few kilobytes; one far larger is refused before the YAML parser, whose time
    /// grows faster than the file, spends minutes on it.
    static let maximumBytes = 1 << 20

    private static func read(_ text: String, file: String, wijken: [String]?) throws(RuleFileErrors) -> ReadEdition {
        var reader = RuleFileReader(file: file)
        guard text.utf8.count <= maximumBytes else {
            reader.log.report("the file is \(text.utf8.count) bytes; a rule file may be at most \(maximumBytes / 1024) KiB", line: 0, column: 0)
            throw RuleFileErrors(issues: reader.log.ordered)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            reader.log.report(yamlError: error, text: text)
            throw RuleFileErrors(issues: reader.log.ordered)
        }
        guard let root else {
            reader.log.report("the file is empty; a rule file needs 'edition', 'effective_from', 'budget' and 'bands'", line: 1, column: 1)
            throw RuleFileErrors(issues: reader.log.ordered)
        }
        let draft = reader.readEdition(root)
        guard reader.log.isEmpty, let draft else {
            if reader.log.isEmpty { reader.log.report("the rule file could not be read", line: 0, column: 0) }
            throw RuleFileErrors(issues: reader.log.ordered)
        }
        do { return ReadEdition(edition: try draft.validated(wijken: wijken), root: root, file: file) } catch {
            for problem in error.problems { reader.log.report(problem.message, at: root.mark(of: problem.path)) }
            throw RuleFileErrors(issues: reader.log.ordered)
        }
    }

    static func readText(path: String) throws(RuleFileErrors) -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RuleFileErrors(issues: [RuleFileIssue(file: path, line: 0, column: 0, message: "cannot read the file: \(error.reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileErrors(issues: [RuleFileIssue(file: path, line: 0, column: 0, message: "the file is not valid UTF-8 text")])
        }
        return text
    }
}

extension Error {
    /// The system's wording, without the type names of `String(describing:)`.
    var reason: String { (self as NSError).localizedDescription }
}

import Yams

/// Collects the problems of one file, so staff see every mistake in one run instead of one per run.
struct IssueLog {
    let file: String
    private(set) var issues: [SurveyFileIssue] = []

    init(file: String) { self.file = file }

    mutating func report(_ message: String, at node: Node) {
        report(message, at: node.mark)
    }

    mutating func report(_ message: String, at mark: Mark?) {
        report(message, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    mutating func report(_ message: String, line: Int, column: Int) {
        issues.append(SurveyFileIssue(file: file, line: line, column: column, message: message))
    }

    var isEmpty: Bool { issues.isEmpty }

    /// In reading order, because checks that need the whole file (duplicate ids, the one support
    /// question) are made after the questions they refer to.
    var ordered: [SurveyFileIssue] {
        issues.enumerated()
            .sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }
            .map(\.element)
    }
}

import Yams

/// Collects the problems of one rule file, so staff see every mistake in one run.
struct IssueLog {
    let file: String
    private(set) var issues: [RuleFileIssue] = []

    init(file: String) { self.file = file }

    mutating func report(_ message: String, at node: Node) { report(message, at: node.mark) }

    mutating func report(_ message: String, at mark: Mark?) {
        report(message, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    mutating func report(_ message: String, line: Int, column: Int) {
        issues.append(RuleFileIssue(file: file, line: line, column: column, message: message))
    }

    var isEmpty: Bool { issues.isEmpty }

    /// In reading order; checks of the whole edition come after the reading but concern earlier lines.
    var ordered: [RuleFileIssue] {
        issues.enumerated()
            .sorted { a, b in (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset) }
            .map(\.element)
    }

    /// Reports an error from Yams at its position, in words for staff rather than libyaml's.
    mutating func report(yamlError error: any Error, text: String) {
        guard let yamlError = error as? YamlError else {
            report("the file could not be read as YAML: \(error)", line: 0, column: 0)
            return
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // libyaml ends a file that lacks a final line break with one of its own, so an error at
            // the very end can point past the last line; it belongs at the end of that line.
            let lines = text.yamlLines
            if mark.line > lines.count, let last = lines.last {
                report("YAML syntax error: \(problem)", line: lines.count, column: last.count + 1)
            } else {
                report("YAML syntax error: \(problem)", at: mark)
            }
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Yams stops at the first repeated key and only knows where the mapping starts.
            report("key \(keys) appears more than once in the same mapping (which starts here)", at: context.mark)
        default:
            report("the file could not be read as YAML: \(yamlError)", line: 0, column: 0)
        }
    }
}

extension String {
    /// The lines as YAML counts them: broken at LF, CR, CR LF, NEL, LS and PS; a final line break
    /// starts an empty last line.
    var yamlLines: [Substring.UnicodeScalarView] {
        var lines: [Substring.UnicodeScalarView] = []
        var scalars = unicodeScalars[...]
        while let breakIndex = scalars.firstIndex(where: { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }) {
            lines.append(scalars[..<breakIndex])
            var next = scalars.index(after: breakIndex)
            if scalars[breakIndex] == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            scalars = scalars[next...]
        }
        lines.append(scalars)
        return lines
    }
}

import Yams

/// Collects the problems of one file, so staff see every mistake in one run instead of one per run.
public struct IssueLog: Sendable {
    public let file: String
    public private(set) var issues: [FileIssue] = []

    public init(file: String) { self.file = file }

    public mutating func report(_ message: String, at node: Node) { report(message, at: node.mark) }

    public mutating func report(_ message: String, at mark: Mark?) {
        report(message, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    public mutating func report(_ message: String, line: Int, column: Int) {
        issues.append(FileIssue(file: file, line: line, column: column, message: message))
    }

    public var isEmpty: Bool { issues.isEmpty }

    /// In reading order: checks that need the whole file come after the reading but concern earlier lines.
    public var ordered: [FileIssue] {
        issues.enumerated()
            .sorted { a, b in (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset) }
            .map(\.element)
    }

    /// Reports an error from Yams at its position, in words for staff rather than libyaml's.
    public mutating func report(yamlError error: any Error, text: String) {
        guard let yamlError = error as? YamlError else {
            report("the file could not be read as YAML: \(error)", line: 0, column: 0)
            return
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            let place = Self.place(mark, in: text)
            report("YAML syntax error: \(problem)", line: place.line, column: place.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Yams stops at the first repeated key and only knows where it was first written.
            report("key \(keys) appears more than once in the same mapping (first here)", at: context.mark)
        case .reader(let problem, let offset, _, _):
            let position = offset.map { Self.position(ofCharacter: $0, in: text) } ?? (line: 0, column: 0)
            report("the file cannot be read as text: \(problem)", line: position.line, column: position.column)
        default:
            report("the file could not be read as YAML: \(yamlError)", line: 0, column: 0)
        }
    }

    /// Where an error libyaml reports at `mark` is in `text`. At the end of a file without a final
    /// line break, libyaml adds one of its own first, so an error there would point at a line after
    /// the last; it belongs at the end of the last line.
    static func place(_ mark: Mark, in text: String) -> (line: Int, column: Int) {
        let lines = text.yamlLines
        guard mark.line > lines.count, let last = lines.last else { return (mark.line, mark.column) }
        return (lines.count, last.count + 1)
    }

    /// 1-based line and column of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
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

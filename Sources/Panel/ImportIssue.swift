/// One problem in a panel file, precise enough to fix without guessing: the line, the column and
/// what is wrong with the value.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    /// The column as named in the header; nil when the problem is the line (or file) as a whole.
    public let column: String?
    public let message: String

    public init(line: Int, column: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { "line \(line), column \(column): \(message)" } else { "line \(line): \(message)" }
    }
}

/// Every problem found in a panel file. The import is all-or-nothing, so a user fixes the file in
/// one go instead of discovering the problems one run at a time.
public struct MemberImportErrors: Error, Sendable, CustomStringConvertible {
    public let issues: [ImportIssue]

    public init(issues: [ImportIssue]) {
        self.issues = issues
    }

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (["\(count) in the panel file; nothing was imported:"] + issues.map { "  \($0)" })
            .joined(separator: "\n")
    }
}

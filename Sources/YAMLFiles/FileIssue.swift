/// One problem in a file staff wrote (a survey, a rule edition), pointing at the most specific place
/// they can fix it.
public struct FileIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as it was given, so the message matches what staff typed or configured.
    public let file: String
    /// 1-based; 0 when the problem has no position (the file could not be read at all).
    public let line: Int
    /// 1-based, counted in characters; 0 when unknown.
    public let column: Int
    /// One English sentence for staff.
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The compiler-style form, which terminals and editors turn into a jump to the spot.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// All problems found in one or more files, in file and position order.
public struct FileIssues: Error, Sendable, CustomStringConvertible {
    public let issues: [FileIssue]

    public init(issues: [FileIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

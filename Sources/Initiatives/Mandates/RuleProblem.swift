/// One reason an edition cannot be used, with the place in the rule file it concerns.
public struct RuleProblem: Hashable, Sendable, CustomStringConvertible {
    /// Keys and list indices from the top of the file (see `RuleKey`), e.g. `["bands", "2",
    /// "deciders", "0"]`; a file reader points at the deepest part that exists.
    public let path: [String]
    /// One English sentence for staff, like the survey file checks.
    public let message: String

    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path.joined(separator: ".")): \(message)" }
}

/// Every problem found in one edition, in the order they were found.
public struct RuleProblems: Error, Hashable, Sendable, CustomStringConvertible {
    public let problems: [RuleProblem]

    public init(problems: [RuleProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The keys of a rule file, shared by the checks (which name the place of a problem) and the file
/// reader (which finds that place).
public enum RuleKey {
    public static let edition = "edition"
    public static let title = "title"
    public static let source = "source"
    public static let effectiveFrom = "effective_from"
    public static let wijkkansenPot = "wijkkansen_pot"
    public static let overdrawApprover = "overdraw_approver"
    public static let budget = "budget"
    public static let bands = "bands"

    public static let wijken = "wijken"
    public static let gemeente = "gemeente"
    public static let reserved = "reserved"
    public static let subsidie = "subsidie"
    public static let handgeld = "handgeld"
    public static let total = "total"

    public static let name = "name"
    public static let kind = "kind"
    public static let amount = "amount"
    public static let above = "above"
    public static let upTo = "up_to"
    public static let deciders = "deciders"
    public static let advisers = "advisers"
    public static let signatures = "signatures"
    public static let budgetLine = "budget_line"
    public static let ceiling = "ceiling"
    public static let lineCeiling = "line_ceiling"
    public static let buurttoetsingRequired = "buurttoetsing_required"
    public static let threshold = "threshold"
    public static let minN = "min_n"
}

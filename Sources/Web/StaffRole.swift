/// What a staff member or script may do. Officials' decision roles arrive with the initiatives workflow.
public enum StaffRole: String, CaseIterable, Sendable {
    /// Everything, including tokens and configuration.
    case admin
    /// Designs surveys, invites, reads results.
    case onderzoeker

    /// Whether this role may read a survey's results.
    public var mayReadResults: Bool { true }
}

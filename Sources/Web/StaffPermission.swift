/// Something a staff page or API call needs permission for. Which role has which permission is the
/// table in ``StaffRole/permissions``; which route needs which permission is ``StaffRouteTable``.
/// Together they are the authorization matrix the tests walk through.
public enum StaffPermission: String, CaseIterable, Sendable {
    /// See the survey list and preview survey files.
    case manageSurveys
    /// Load the survey files again (API).
    case reloadSurveys
    /// Read a survey's aggregated results: the report page and the results API. Small groups are
    /// suppressed there, so decision makers may read them; the draagvlak they weigh comes from here.
    case readResults
    /// Download every response (CSV, SPSS): research data, for researchers only.
    case exportResponses
    /// The panel's composition and the outbox, which shows residents' e-mail addresses.
    case managePanel
    /// Staff accounts and API tokens (today on the command line only).
    case manageAccounts
    /// Take decisions on initiatives within one's mandate (the mandate rules check amount and wijk).
    case decideInitiative
    /// Budget decisions beyond one initiative: half-yearly transfers between wijken and carry-over.
    case decideBudget
}

extension StaffRole {
    /// The authorization table. Decision makers get no survey administration: they do not design or
    /// send surveys, and the panel pages show residents' contact data they have no need for. Admins
    /// decide no initiatives: running the system and deciding in it stay apart.
    public var permissions: Set<StaffPermission> {
        switch self {
        case .admin: [.manageSurveys, .reloadSurveys, .readResults, .exportResponses, .managePanel, .manageAccounts]
        case .onderzoeker: [.manageSurveys, .readResults, .exportResponses, .managePanel]
        case .wethouderBuurten: [.readResults, .decideInitiative, .decideBudget]
        case .buurtcoordinator, .wijkwethouder, .teammanager, .college, .gemeenteraad: [.readResults, .decideInitiative]
        }
    }

    public func may(_ permission: StaffPermission) -> Bool { permissions.contains(permission) }
}

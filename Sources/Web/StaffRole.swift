import Initiatives

/// What a staff member or script is, which decides what they may do (``permissions``). Raw values are
/// the names used by `draagvlak user add --role` and `token create --role`, and stored in the database.
public enum StaffRole: String, CaseIterable, Sendable {
    /// Accounts, tokens, configuration and all survey work; decides no initiatives.
    case admin
    /// Designs surveys, invites, reads results.
    case onderzoeker
    case buurtcoordinator
    case wijkwethouder
    case teammanager
    case wethouderBuurten = "wethouder_buurten"
    case college
    case gemeenteraad

    /// The role this staff role plays in the mandate rules, nil for the survey roles.
    public var decisionRole: Role? { Role(rawValue: rawValue) }

    /// Whether the role acts for one wijk, which its account or token must then name.
    public var requiresWijk: Bool { decisionRole?.isBoundToWijk ?? false }

    /// How pages name the role.
    public var title: String {
        switch self {
        case .admin: "beheerder"
        case .onderzoeker: "onderzoeker"
        case .buurtcoordinator: "buurtcoördinator"
        case .wijkwethouder: "wijkwethouder"
        case .teammanager: "teammanager samenleving"
        case .wethouderBuurten: "wethouder buurten"
        case .college: "college van B&W"
        case .gemeenteraad: "gemeenteraad"
        }
    }

    /// The roles' names for help texts and error messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

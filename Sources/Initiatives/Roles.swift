/// The officials the mandate rules name (seeds 000/002, Table 2). Raw values are the names used in rule
/// files, the CLI and the JSON API.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case buurtcoordinator
    case wijkwethouder
    case teammanager
    case wethouderBuurten = "wethouder_buurten"
    case college
    case gemeenteraad

    /// Whether the role acts for one wijk (and must stay inside it) rather than for the whole gemeente.
    public var isBoundToWijk: Bool {
        switch self {
        case .buurtcoordinator, .wijkwethouder, .teammanager: true
        case .wethouderBuurten, .college, .gemeenteraad: false
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where the money for an initiative comes from.
public enum BudgetLine: String, CaseIterable, Codable, Sendable {
    /// The buurtcoördinator's freely usable budget per wijk.
    case handgeld
    /// The wijk's subsidy budget (buurtdeals, subsidiebeschikkingen).
    case subsidie
    /// The gemeente-wide pot for special district opportunities.
    case wijkkansen
    /// Capital charges of investment projects, paid from the wijk's budget.
    case investering
}

/// What sort of request an initiative is, which decides the family of bands it is routed through.
public enum InitiativeKind: String, CaseIterable, Codable, Sendable {
    case regulier
    case wijkkans
    case investering
}

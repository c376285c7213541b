/// Why a transition was refused. `forbidden` is an authorization failure (HTTP 403, always logged); the
/// others are the request being wrong for the initiative's state (HTTP 409 or 422).
public enum WorkflowRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The actor may not do this: wrong role, outside their wijk, above their mandate.
    case forbidden(String)
    /// The action does not apply in the current state.
    case wrongState(action: String, status: InitiativeStatus)
    /// A precondition failed (criteria unmet, draagvlak missing, budget would be overdrawn, …).
    case precondition(String)

    public var description: String {
        switch self {
        case .forbidden(let reason): reason
        case .wrongState(let action, let status):
            "'\(action)' kan niet in de status '\(status.rawValue)'"
        case .precondition(let reason): reason
        }
    }

    public var isForbidden: Bool { if case .forbidden = self { true } else { false } }
    public var isWrongState: Bool { if case .wrongState = self { true } else { false } }
}

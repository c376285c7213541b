/// Who asks for a transition. Officials act by the role the mandate rules name, inside their wijk where
/// the role is bound to one; the owner acts through the personal status link.
public enum Actor: Hashable, Sendable {
    case official(name: String, role: Role, wijk: String?)
    case owner
    /// Staff without a role in the mandate rules (researchers, administrators): they may see, not decide.
    case staff(name: String)

    /// How the actor is named in events and the audit log: role and name, never contact data.
    public var label: String {
        switch self {
        case .official(let name, let role, let wijk): "\(role.rawValue)\(wijk.map { " (\($0))" } ?? ""): \(name)"
        case .owner: "initiatiefnemer"
        case .staff(let name): "medewerker: \(name)"
        }
    }

    public var role: Role? {
        if case .official(_, let role, _) = self { role } else { nil }
    }

    /// Whether this official may act for an initiative in `wijk`: roles bound to a wijk stay inside their own.
    func actsFor(wijk: String) -> Bool {
        guard case .official(_, let role, let own) = self else { return false }
        return !role.isBoundToWijk || own == wijk
    }
}

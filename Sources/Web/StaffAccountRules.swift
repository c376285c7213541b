import Panel

/// What a staff account must look like, checked before one is stored (by `draagvlak user add`).
public enum StaffAccountRules {
    public static let minimumPasswordLength = 12
    public static let usernameLengths = 3...64
    public static let displayNameLengths = 1...100

    /// A problem with `username` (lower-case letters, digits, `.`, `_`, `-`; starting with a letter or
    /// digit), or nil. Upper case is accepted and stored lower-case.
    public static func problem(username: String) -> String? {
        let name = username.lowercased()
        guard usernameLengths.contains(name.count) else {
            return "a username has \(usernameLengths.lowerBound) to \(usernameLengths.upperBound) characters, '\(username)' has \(name.count)"
        }
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
        guard allowed, let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else {
            return "a username consists of letters a-z, digits, '.', '_' and '-', and starts with a letter or digit; '\(username)' does not"
        }
        return nil
    }

    public static func problem(password: String) -> String? {
        if password.count < minimumPasswordLength { return "a password needs at least \(minimumPasswordLength) characters, this one has \(password.count)" }
        if password.utf8.count > StaffSignIn.maxPasswordBytes { return "a password may have at most \(StaffSignIn.maxPasswordBytes) bytes" }
        return nil
    }

    public static func problem(displayName: String) -> String? {
        guard displayNameLengths.contains(displayName.count), !displayName.contains(where: \.isNewline) else {
            return "a display name is one line of \(displayNameLengths.lowerBound) to \(displayNameLengths.upperBound) characters"
        }
        return nil
    }

    /// The wijk as the gemeente spells it for a role bound to one, nil for a gemeente-wide role; a
    /// message when a wijk is missing, unknown or given to a role that has none.
    public static func wijk(_ given: String?, for role: StaffRole, in gemeente: Gemeente) -> Result<String?, WijkProblem> {
        guard role.requiresWijk else {
            return given == nil ? .success(nil) : .failure(WijkProblem(message: "the role \(role.rawValue) acts for the whole gemeente; leave out --wijk"))
        }
        guard let given else {
            return .failure(WijkProblem(message: "the role \(role.rawValue) acts for one wijk; name it with --wijk (one of: \(gemeente.wijken.joined(separator: ", ")))"))
        }
        guard let wijk = gemeente.canonicalWijk(given) else {
            return .failure(WijkProblem(message: "\(gemeente.name) has no wijk '\(given)'; choose one of: \(gemeente.wijken.joined(separator: ", "))"))
        }
        return .success(wijk)
    }

    public struct WijkProblem: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }
}

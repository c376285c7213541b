/// E-mail syntax as mail servers accept it in practice: an RFC 5321 dot-atom local part and a DNS
/// host name. Quoted local parts and address literals are valid RFC but never appear in a panel
/// file except as typos, so rejecting them catches more mistakes than it costs.
public enum EmailAddress {
    private static let localSpecials = Set("!#$%&'*+/=?^_`{|}~-".unicodeScalars)

    /// The address with its domain lowercased (domains are case-insensitive, local parts formally not).
    static func normalise(_ value: String) -> Result<String, FieldProblem> {
        func bad(_ reason: String) -> Result<String, FieldProblem> {
            .failure("'\(value)' is not a valid e-mail address: \(reason)")
        }
        if value.isEmpty { return .failure("email is empty") }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return bad(parts.count == 1 ? "no '@'" : "more than one '@'") }
        let local = parts[0], domain = parts[1].lowercased()

        guard !local.isEmpty, local.unicodeScalars.count <= 64 else { return bad("the part before '@' must be 1–64 characters") }
        guard local.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "." || localSpecials.contains($0) }) else {
            return bad("the part before '@' has a character that is not allowed")
        }
        guard local.first != ".", local.last != ".", !local.contains("..") else {
            return bad("the part before '@' has a misplaced '.'")
        }
        if let reason = domainProblem(domain) { return bad(reason) }
        guard value.unicodeScalars.count <= 254 else { return bad("longer than 254 characters") }
        return .success("\(local)@\(domain)")
    }

    private static func domainProblem(_ domain: String) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "the domain has no '.'" }
        for label in labels {
            guard !label.isEmpty, label.unicodeScalars.count <= 63 else { return "the domain has an empty or too long part" }
            guard label.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" }),
                  label.first != "-", label.last != "-"
            else { return "the domain may only hold letters, digits and inner '-'" }
        }
        let top = labels[labels.count - 1]
        let topIsName = top.count >= 2 && top.unicodeScalars.allSatisfy(\.isASCIILetter)
        guard topIsName || top.hasPrefix("xn--") else { return "the domain does not end in a top-level domain like .nl" }
        return nil
    }
}

/// Why a typed e-mail address was refused, in the words of the import report.
public struct InvalidEmailAddress: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension EmailAddress {
    /// The address normalised, for forms outside the panel import.
    public static func validated(_ value: String) throws(InvalidEmailAddress) -> String {
        switch normalise(value) {
        case .success(let address): return address
        case .failure(let problem): throw InvalidEmailAddress(description: "\(problem)")
        }
    }
}

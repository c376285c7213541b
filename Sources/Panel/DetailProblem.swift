/// A field of the forms members fill in themselves (the public sign-up, their own details), by the
/// name the form posts it under.
public enum DetailField: String, Hashable, Sendable, CaseIterable {
    case email
    case wijk
    case postcode
    case birthYear = "birth_year"
    case gender
    case language
    case code
    case consent
}

/// Why a value a resident typed was refused. The domain says what is wrong; the pages say it in
/// Dutch or English, next to the field.
public enum DetailProblem: Error, Hashable, Sendable {
    case missing(DetailField)
    case invalidEmail
    case unknownWijk
    /// Not a Dutch postcode like `1234 AB`.
    case invalidPostcode
    case invalidBirthYear
    /// Panel members are adults.
    case tooYoung
    /// Over 110: almost certainly a typo in the year.
    case implausibleAge
    case unknownGender
    case unknownLanguage
    case noConsent
    /// The letter's code is not one we issued, or it was used already.
    case invalidCode

    public var field: DetailField {
        switch self {
        case .missing(let field): field
        case .invalidEmail: .email
        case .unknownWijk: .wijk
        case .invalidPostcode: .postcode
        case .invalidBirthYear, .tooYoung, .implausibleAge: .birthYear
        case .unknownGender: .gender
        case .unknownLanguage: .language
        case .noConsent: .consent
        case .invalidCode: .code
        }
    }
}

/// Every problem of one submitted form, in the order of the form's fields.
public struct DetailProblems: Error, Hashable, Sendable {
    public let problems: [DetailProblem]

    public init(_ problems: [DetailProblem]) {
        self.problems = problems.sorted { DetailField.allCases.firstIndex(of: $0.field)! < DetailField.allCases.firstIndex(of: $1.field)! }
    }

    public func problem(for field: DetailField) -> DetailProblem? { problems.first { $0.field == field } }
}

/// The checks the member forms share, on typed text: trimmed, then the same rules as the panel import.
enum DetailRules {
    static func wijk(_ text: String, in gemeente: Gemeente) -> Result<String, DetailProblem> {
        let name = text.trimmed
        guard !name.isEmpty else { return .failure(.missing(.wijk)) }
        guard let wijk = gemeente.canonicalWijk(name) else { return .failure(.unknownWijk) }
        return .success(wijk)
    }

    /// Empty is fine (the postcode is optional); anything else must be a Dutch postcode.
    static func postcode(_ text: String) -> Result<String?, DetailProblem> {
        let value = text.trimmed
        guard !value.isEmpty else { return .success(nil) }
        guard value.count <= 7, case .success(let normal) = FieldRules.postcode(value) else { return .failure(.invalidPostcode) }
        return .success(normal)
    }

    static func language(_ text: String) -> Result<String, DetailProblem> {
        let code = text.trimmed.lowercased()
        guard !code.isEmpty else { return .failure(.missing(.language)) }
        guard FieldRules.languages.contains(code) else { return .failure(.unknownLanguage) }
        return .success(code)
    }
}

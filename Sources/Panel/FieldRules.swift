/// Syntax rules for single fields of a panel file. Each returns the normalised value or a message
/// saying what is wrong, so the importer can collect every problem instead of stopping at the first.
enum FieldRules {
    static let maxMemberIDLength = 64

    static func memberID(_ value: String) -> Result<String, FieldProblem> {
        guard !value.isEmpty else { return .failure("member_id is empty") }
        let allowed = value.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" || $0 == "." || $0 == "-" }
        guard allowed && value.unicodeScalars.count <= maxMemberIDLength else {
            return .failure("member_id '\(value)' must be 1–\(maxMemberIDLength) characters of letters, digits, '_', '.' and '-'")
        }
        return .success(value)
    }

    /// A Dutch postcode, "1234AB" or "1234 AB" in any case; returned as "1234 AB".
    static func postcode(_ value: String) -> Result<String, FieldProblem> {
        let compact = Array(value.uppercased().unicodeScalars.filter { $0 != " " })
        let valid = compact.count == 6
            && compact[0] != "0"
            && compact[0..<4].allSatisfy(\.isASCIIDigit)
            && compact[4..<6].allSatisfy { $0.value >= 65 && $0.value <= 90 }
        guard valid else { return .failure("postcode '\(value)' is not a Dutch postcode like 1234 AB") }
        var normal = String.UnicodeScalarView(compact[0..<4])
        normal.append(" ")
        normal.append(contentsOf: compact[4..<6])
        return .success(String(normal))
    }

    /// Panel members are adults; ages above 110 are almost certainly a typo in the year.
    static func birthYear(_ value: String, referenceYear: Int) -> Result<Int, FieldProblem> {
        guard value.unicodeScalars.count == 4, value.unicodeScalars.allSatisfy(\.isASCIIDigit), let year = Int(value) else {
            return .failure("birth_year '\(value)' is not a 4-digit year")
        }
        let age = referenceYear - year
        if age < 18 {
            return .failure("birth_year \(year) makes the member \(age) in \(referenceYear); panel members must be 18 or older")
        }
        if age > 110 {
            return .failure("birth_year \(year) makes the member \(age) in \(referenceYear); at most 110 is accepted")
        }
        return .success(year)
    }

    static func ageBand(_ value: String) -> Result<AgeBand, FieldProblem> {
        guard let band = AgeBand(rawValue: value.filter { !$0.isWhitespace }) else {
            let known = AgeBand.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure("unknown age_band '\(value)' (expected one of \(known))")
        }
        return .success(band)
    }

    static func gender(_ value: String) -> Result<Gender, FieldProblem> {
        guard let gender = Gender(panelValue: value) else {
            return .failure("unknown gender '\(value)' (expected man, vrouw, anders or onbekend; m, v, x also work)")
        }
        return .success(gender)
    }

    static let languages = ["nl", "en"]

    /// Empty means the default, Dutch.
    static func language(_ value: String) -> Result<String, FieldProblem> {
        let code = value.lowercased()
        if code.isEmpty { return .success("nl") }
        guard languages.contains(code) else { return .failure("unknown language '\(value)' (expected nl or en)") }
        return .success(code)
    }
}

/// A message about one field; a type of its own so `Result` can carry it.
struct FieldProblem: Error, ExpressibleByStringInterpolation {
    let message: String
    init(_ message: String) { self.message = message }
    init(stringLiteral value: String) { message = value }
    init(stringInterpolation: DefaultStringInterpolation) { message = String(stringInterpolation: stringInterpolation) }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 48 && value <= 57 }
    var isASCIILetter: Bool { (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
}

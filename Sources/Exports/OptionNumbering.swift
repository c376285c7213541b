import Surveys

/// The numbers a `single` question's options get in SPSS, where categories are numeric codes with
/// value labels. When every option code is already a whole number (`1`, `2`, `9` for "weet niet")
/// those numbers are kept, so syntax and codebooks that use them stay right; otherwise the options
/// are numbered 1…k in survey order.
struct OptionNumbering: Sendable {
    private let numbers: [String: Double]

    init(_ options: [Option]) {
        let codes = options.map(\.code)
        let whole = codes.compactMap { code in Int(code).flatMap { String($0) == code ? $0 : nil } }
        if whole.count == codes.count, Set(whole).count == codes.count, whole.allSatisfy({ abs($0) < 1 << 53 }) {
            numbers = Dictionary(uniqueKeysWithValues: zip(codes, whole.map(Double.init)))
        } else {
            // Codes are unique in a valid survey; a repeat keeps its first number.
            numbers = Dictionary(zip(codes, (1...max(codes.count, 1)).map(Double.init)), uniquingKeysWith: { first, _ in first })
        }
    }

    /// The number of a stored code; nil for a code the survey no longer lists.
    func number(for code: String) -> Double? { numbers[code] }
}

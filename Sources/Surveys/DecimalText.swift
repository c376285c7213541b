/// A plain decimal number as people type it: `12`, `-3`, `2.5` and, because Dutch writes a decimal
/// comma, `2,5`. Exponents, thousands separators, `+`, `inf` and `nan` are not numbers here: they are
/// either typing mistakes or not what a respondent means, and `Double(_:)` would accept several.
///
/// The canonical text keeps the digits as typed (minus leading and trailing zeros), so a stored
/// answer is exactly what was entered and never a rounded binary fraction.
struct DecimalText: Hashable, Sendable {
    /// More digits than this are not a meaningful answer and would not survive as a `Double`.
    static let maximumDigits = 30

    let isNegative: Bool
    /// Without leading zeros; "0" for a number below one.
    let integerDigits: String
    /// Without trailing zeros; empty for a whole number.
    let fractionDigits: String

    init?(_ text: String, allowComma: Bool) {
        var scalars = Array(text.unicodeScalars)[...]
        let negative = scalars.first == "-"
        if negative { scalars = scalars.dropFirst() }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        let integer = scalars.prefix(while: isDigit)
        var rest = scalars.dropFirst(integer.count)
        var fraction = rest.prefix(0)
        if let separator = rest.first, separator == "." || (allowComma && separator == ",") {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fraction.count)
            guard !fraction.isEmpty else { return nil }
        }
        guard !integer.isEmpty, rest.isEmpty, integer.count + fraction.count <= Self.maximumDigits else { return nil }
        let significantInteger = integer.drop { $0 == "0" }
        var significantFraction = fraction
        while significantFraction.last == "0" { significantFraction = significantFraction.dropLast() }
        integerDigits = significantInteger.isEmpty ? "0" : Self.string(significantInteger)
        fractionDigits = Self.string(significantFraction)
        // "-0" and "-0.0" are zero, which has no sign.
        isNegative = negative && !(integerDigits == "0" && fractionDigits.isEmpty)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    var isWhole: Bool { fractionDigits.isEmpty }

    /// `12`, `-3`, `2.5`: a `.` separator and no trailing `.0`.
    var canonical: String {
        (isNegative ? "-" : "") + integerDigits + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
    }

    /// The value for comparing with bounds; the canonical text always parses.
    var value: Double { Double(canonical) ?? .nan }
}

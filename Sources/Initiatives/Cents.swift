/// An amount of money in euro cents. Money is never a floating-point number here: budgets must add up
/// to the cent, and a band boundary such as €2,000.00 against €2,000.01 must compare exactly.
public struct Cents: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = Cents(0)

    /// Whole euros, as the seed tables state budgets.
    public static func euros(_ euros: Int64) -> Cents { Cents(euros * 100) }

    /// Parses an amount in euros as staff type it: `2000`, `2000.01`, `2000,01`, `2.000,01`, `€ 2.000,01`,
    /// `2,000.01`. At most two decimals; nil for anything else (including negative amounts).
    public init?(euros text: String) {
        var digits = text.filter { !$0.isWhitespace && $0 != "€" }
        guard !digits.isEmpty else { return nil }
        // The last separator followed by one or two digits is the decimal mark; the others group thousands.
        var fraction = ""
        if let mark = digits.lastIndex(where: { $0 == "." || $0 == "," }) {
            let after = digits[digits.index(after: mark)...]
            if after.count <= 2 && !after.isEmpty {
                let decimalMark = digits[mark]
                fraction = String(after)
                digits = String(digits[..<mark])
                // A decimal comma groups with points and the other way round; `12,345,6` is neither.
                if digits.contains(decimalMark) { return nil }
            }
        }
        let whole = digits.filter { $0 != "." && $0 != "," }
        // Grouping marks must sit every three digits, or not at all.
        if whole.count != digits.count {
            let groups = digits.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        guard !whole.isEmpty, whole.count <= 15, whole.allSatisfy({ $0.isASCII && $0.isNumber }), let euros = Int64(whole),
              fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let cents = Int64(fraction.count == 1 ? fraction + "0" : fraction.isEmpty ? "0" : fraction)
        else { return nil }
        self.value = euros * 100 + cents
    }

    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value + rhs.value) }
    public static func - (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value - rhs.value) }
    public static func += (lhs: inout Cents, rhs: Cents) { lhs.value += rhs.value }
    public static func -= (lhs: inout Cents, rhs: Cents) { lhs.value -= rhs.value }
    public static prefix func - (amount: Cents) -> Cents { Cents(-amount.value) }

    /// `€ 2.000,01`, the Dutch way of writing money.
    public var dutch: String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        var euros = String(magnitude / 100)
        var grouped = ""
        while euros.count > 3 {
            grouped = "." + euros.suffix(3) + grouped
            euros.removeLast(3)
        }
        let cents = magnitude % 100
        return "\(sign)€ \(euros)\(grouped),\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `2000.01`, for JSON, CSV and logs.
    public var description: String {
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return "\(value < 0 ? "-" : "")\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A print/write format as a variable record encodes it: `(type << 16) | (width << 8) | decimals`
/// (PSPP "Variable Record", `print` and `write`).
struct SpssFormat: Hashable, Sendable {
    /// Format type codes from PSPP's table in "Variable Record".
    enum Kind: Int32, Sendable {
        case a = 1
        case f = 5
        case date = 20
    }

    var kind: Kind
    var width: Int
    var decimals: Int

    /// `Fw.d` wide enough for `integerDigits` digits before the point, a sign and `decimals` after;
    /// at least the customary 8 columns and at most SPSS's 40, with at most 16 decimals.
    static func number(integerDigits: Int, decimals: Int, negative: Bool) -> SpssFormat {
        let decimals = min(max(decimals, 0), 16)
        let needed = integerDigits + (negative ? 1 : 0) + (decimals > 0 ? decimals + 1 : 0)
        return SpssFormat(kind: .f, width: min(max(needed, 8), 40), decimals: decimals)
    }

    /// `DATE11`: `14-OCT-1582`, the layout SPSS and ReadStat recognise as a date.
    static let date = SpssFormat(kind: .date, width: 11, decimals: 0)

    /// `Aw`; the width byte tops out at 255, and a very long string's real width is given by its
    /// segments and the very long string record.
    static func string(width: Int) -> SpssFormat { SpssFormat(kind: .a, width: min(width, 255), decimals: 0) }

    var encoded: Int32 { kind.rawValue << 16 | Int32(width) << 8 | Int32(decimals) }
}

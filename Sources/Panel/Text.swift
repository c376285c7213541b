// Small string helpers, so that Panel does not need Foundation for trimming and matching.

extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, non-breaking spaces, line breaks).
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    /// The form names are compared in: trimmed, lowercased, inner runs of whitespace as one space,
    /// so "  hilversumse   MEENT " finds "Hilversumse Meent".
    var matchKey: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}

extension Int {
    /// The number with leading zeros up to `width` digits (no Foundation `String(format:)`).
    func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}

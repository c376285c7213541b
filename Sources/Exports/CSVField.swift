import Foundation

/// One CSV cell as RFC 4180 writes it, made safe to open in a spreadsheet.
public enum CSVField {
    /// Characters that make Excel, LibreOffice and Google Sheets treat a cell as a formula (or, for
    /// tab and carriage return, that they strip before looking for one). Answers are typed by the
    /// public, so `=HYPERLINK(…)` in a text answer must reach the researcher as text (OWASP "CSV
    /// injection").
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` neutralised and quoted. `isNumber` marks a value of a numeric column (a number or a
    /// scale point) that is a plain decimal number: `-3` stays `-3`, which spreadsheets read as the
    /// number it is, while anything else starting with `-` gets the quote.
    public static func encode(_ text: String, isNumber: Bool = false) -> String {
        quoted(neutralised(text, isNumber: isNumber))
    }

    /// Prefixes a single quote, which spreadsheets take as "this is text" and do not show.
    static func neutralised(_ text: String, isNumber: Bool) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        if isNumber, isPlainDecimal(text) { return text }
        return "'" + text
    }

    /// Quoted (with quotes doubled) when it holds a comma, quote or line break (RFC 4180 §2.6–2.7);
    /// otherwise as is, so the file stays readable.
    static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-?digits(.digits)?`: the form numbers are stored in; exponents and the like are not
    /// numbers here, so they are neutralised like any other text.
    static func isPlainDecimal(_ text: String) -> Bool {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        let integer = scalars.prefix(while: isDigit)
        guard !integer.isEmpty else { return false }
        var rest = scalars.dropFirst(integer.count)
        guard let separator = rest.first else { return true }
        guard separator == "." else { return false }
        rest = rest.dropFirst()
        return !rest.isEmpty && rest.allSatisfy(isDigit)
    }
}

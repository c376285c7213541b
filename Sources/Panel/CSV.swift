/// One record of a CSV file, with the line it starts on so that every later complaint about it can
/// point the user at the right place even when an earlier field spans several lines.
public struct CSVRecord: Hashable, Sendable {
    /// 1-based line where the record starts.
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A file that is not valid CSV, with the line where the problem is.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// RFC 4180 CSV, as spreadsheets write it: quoted fields with `""` escapes and embedded newlines,
/// CRLF, LF or CR line ends, an optional UTF-8 byte order mark (Excel writes one).
public enum CSV {
    /// Parses the whole text. Lines that are completely empty are skipped (a trailing newline, or a
    /// blank line someone left in, is not a record); a line holding just `""` is a record.
    public static func parse(_ text: String) throws(CSVError) -> [CSVRecord] {
        var scanner = CSVScanner(text)
        return try scanner.records()
    }

    /// Formats rows as CSV with LF line ends, quoting only the fields that need it.
    public static func format(_ rows: [[String]]) -> String {
        var text = ""
        for row in rows {
            text += row.map(escape).joined(separator: ",")
            text += "\n"
        }
        return text
    }

    /// Quotes a field when it holds a separator, quote or line break, starts or ends with whitespace
    /// (which readers such as our own importers would otherwise trim away), or starts with a byte
    /// order mark (which a reader would take for the file's own when the field comes first).
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true || field.unicodeScalars.first == "\u{FEFF}"
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return quoted
    }
}

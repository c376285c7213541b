/// The state machine behind `CSV.parse`. It works on Unicode scalars rather than Characters because
/// Swift treats "\r\n" as one Character, which would hide line ends inside quoted fields.
struct CSVScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { index = 1 }
    }

    mutating func records() throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        while !atEnd {
            let start = line
            let (fields, blank) = try record()
            if !blank { records.append(CSVRecord(line: start, fields: fields)) }
        }
        return records
    }

    private var atEnd: Bool { index >= scalars.count }

    /// Reads one record and its line end. `blank` is true for an empty line (one empty, unquoted field).
    private mutating func record() throws(CSVError) -> (fields: [String], blank: Bool) {
        var fields: [String] = []
        var anyQuoted = false
        while true {
            let (value, quoted) = try field()
            fields.append(value)
            anyQuoted = anyQuoted || quoted
            if atEnd { break }
            if scalars[index] == "," {
                index += 1
                continue
            }
            consumeLineEnd()
            break
        }
        return (fields, fields.count == 1 && fields[0].isEmpty && !anyQuoted)
    }

    private mutating func field() throws(CSVError) -> (value: String, quoted: Bool) {
        if !atEnd && scalars[index] == "\"" { return (try quotedField(), true) }
        var value = String.UnicodeScalarView()
        while !atEnd {
            let scalar = scalars[index]
            if scalar == "," || scalar == "\n" || scalar == "\r" { break }
            if scalar == "\"" {
                throw CSVError(
                    line: line,
                    message: "a '\"' inside an unquoted field; put the whole field in quotes and write the quote as '\"\"'")
            }
            value.append(scalar)
            index += 1
        }
        return (String(value), false)
    }

    private mutating func quotedField() throws(CSVError) -> String {
        let openingLine = line
        index += 1
        var value = String.UnicodeScalarView()
        while true {
            guard !atEnd else {
                throw CSVError(line: openingLine, message: "the quoted field that starts on this line is never closed")
            }
            let scalar = scalars[index]
            if scalar == "\"" {
                if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                    value.append("\"")
                    index += 2
                    continue
                }
                index += 1
                break
            }
            if scalar == "\n" || scalar == "\r" {
                let lineEnd = consumeLineEnd()
                value.append(contentsOf: lineEnd)
                continue
            }
            value.append(scalar)
            index += 1
        }
        if !atEnd, case let next = scalars[index], next != ",", next != "\n", next != "\r" {
            throw CSVError(line: line, message: "unexpected '\(next)' after a closing quote; expected ',' or the end of the line")
        }
        return String(value)
    }

    /// Consumes a CRLF, LF or lone CR, counting it as one line, and returns what it consumed.
    @discardableResult
    private mutating func consumeLineEnd() -> String.UnicodeScalarView {
        var consumed = String.UnicodeScalarView()
        guard !atEnd else { return consumed }
        let first = scalars[index]
        consumed.append(first)
        index += 1
        if first == "\r" && !atEnd && scalars[index] == "\n" {
            consumed.append("\n")
            index += 1
        }
        line += 1
        return consumed
    }
}

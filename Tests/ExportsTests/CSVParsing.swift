/// A strict RFC 4180 reader for the tests: CRLF between records, quoted fields with doubled
/// quotes, line breaks allowed inside quotes. Independent of the writer, so a test that parses
/// the export back checks the quoting rather than repeating it.
enum CSVParsing {
    struct Malformed: Error {
        let reason: String
    }

    static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var scalars = text.unicodeScalars[...]
        var atFieldStart = true
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"" where atFieldStart:
                while true {
                    guard let next = scalars.popFirst() else { throw Malformed(reason: "unterminated quote") }
                    if next == "\"" {
                        if scalars.first == "\"" {
                            scalars.removeFirst()
                            field.unicodeScalars.append("\"")
                        } else {
                            break
                        }
                    } else {
                        field.unicodeScalars.append(next)
                    }
                }
                atFieldStart = false
                guard let following = scalars.first, following == "," || following == "\r" else {
                    throw Malformed(reason: "text after a closing quote")
                }
            case "\"":
                throw Malformed(reason: "quote inside an unquoted field")
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
            case "\r":
                guard scalars.popFirst() == "\n" else { throw Malformed(reason: "CR without LF") }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atFieldStart = true
            case "\n":
                throw Malformed(reason: "bare LF outside quotes")
            default:
                field.unicodeScalars.append(scalar)
                atFieldStart = false
            }
        }
        guard record.isEmpty, field.isEmpty else { throw Malformed(reason: "last record does not end with CRLF") }
        return records
    }
}

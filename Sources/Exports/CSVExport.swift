import Surveys

/// The anonymised responses as one CSV table (RFC 4180): UTF-8 without byte order mark, CRLF
/// after every record, a header row, one row per respondent.
///
/// Cells hold what is stored: option codes, scale points, `ja`/`nee`, canonical decimal text
/// (`2.5`), `YYYY-MM-DD` dates and text as typed; multi questions become `0`/`1` dummies, empty
/// when the question was not answered. A missing answer is an empty cell.
enum CSVExport {
    static func table(_ definition: SurveyDefinition, rows: [ExportRow]) -> String {
        let columns = ExportColumn.columns(for: definition, rows: rows)
        var names = UniqueNames()
        let header = columns.map { CSVField.encode(names.claim($0.baseName)) }
        var lines = [header.joined(separator: ",")]
        for row in rows {
            lines.append(columns.map { cell($0.content, of: row) }.joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private static func cell(_ content: ExportColumn.Content, of row: ExportRow) -> String {
        switch content {
        case .respondent: String(row.respondent)
        case .wijk: CSVField.encode(row.wijk)
        case .ageBand: CSVField.encode(row.ageBand ?? "")
        case .gender: CSVField.encode(row.gender)
        case .weight: row.weight.map(number) ?? ""
        case .channel: CSVField.encode(row.channel)
        case .answer(let question): CSVField.encode(row.value(of: question.id) ?? "", isNumber: isNumeric(question.type))
        case .chosen(let question, let option): row.chose(option, of: question).map { $0 ? "1" : "0" } ?? ""
        }
    }

    /// Number and scale columns hold numbers, which may be negative (a scale from -2 to 2).
    private static func isNumeric(_ type: QuestionType) -> Bool {
        switch type {
        case .number, .scale: true
        default: false
        }
    }

    /// The shortest text that reads back as the same `Double`; non-finite weights (which raking
    /// never produces) are left empty rather than written as `nan`.
    private static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }
}

import Surveys

/// One column of an export, shared by the CSV and SPSS writers so both files have the same columns
/// in the same order: the respondent's categories first, then the questions in survey order.
struct ExportColumn: Sendable {
    enum Content: Sendable {
        case respondent
        case wijk
        case ageBand
        case gender
        case weight
        case channel
        /// The answer to a one-value question (every type but `multi`).
        case answer(Question)
        /// Whether one option of a `multi` question was chosen: one dummy column per option, the
        /// layout analysts expect and every package can tabulate.
        case chosen(Question, Option)
    }

    /// The name before a format's own rules (uniqueness, SPSS syntax) are applied: the question id,
    /// or `<question>_<code>` for a multi dummy.
    let baseName: String
    let content: Content

    /// Every column for `definition`. `weight` appears only when some row has a weight, so an
    /// unweighted export does not carry an empty column that looks like missing data; `channel`
    /// only when some row came by letter, so a panel-only export looks as it always did.
    static func columns(for definition: SurveyDefinition, rows: [ExportRow]) -> [ExportColumn] {
        var columns = [
            ExportColumn(baseName: "respondent", content: .respondent),
            ExportColumn(baseName: "wijk", content: .wijk),
            ExportColumn(baseName: "age_band", content: .ageBand),
            ExportColumn(baseName: "gender", content: .gender),
        ]
        if rows.contains(where: { $0.weight != nil }) {
            columns.append(ExportColumn(baseName: "weight", content: .weight))
        }
        if rows.contains(where: { $0.channel != "panel" }) {
            columns.append(ExportColumn(baseName: "channel", content: .channel))
        }
        for question in definition.questions {
            if case .multi(let options, _, _) = question.type {
                for option in options {
                    columns.append(ExportColumn(baseName: "\(question.id)_\(option.code)", content: .chosen(question, option)))
                }
            } else {
                columns.append(ExportColumn(baseName: question.id, content: .answer(question)))
            }
        }
        return columns
    }
}

extension ExportRow {
    /// For a multi dummy: true or false when the question was answered, nil when it was not, so
    /// "not asked" (hidden, skipped) is never counted as "not chosen".
    func chose(_ option: Option, of question: Question) -> Bool? {
        let chosen = values(of: question.id)
        return chosen.isEmpty ? nil : chosen.contains(option.code)
    }
}

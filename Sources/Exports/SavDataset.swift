import Surveys

/// What goes into a system file: the variables and, per respondent, one value per variable.
/// Built from the shared export columns; the record writers turn it into bytes.
struct SavDataset: Sendable {
    /// SPSS strings are at most 32767 bytes; longer text is cut there (on a character boundary).
    static let maximumStringWidth = 32_767

    var fileLabel: String
    var variables: [SavVariable]
    /// `cases[row][variable]`.
    var cases: [[SavValue]]

    init(_ definition: SurveyDefinition, rows: [ExportRow]) {
        let columns = ExportColumn.columns(for: definition, rows: rows)
        let names = SpssName.unique(columns.map(\.baseName))
        var variables: [SavVariable] = []
        var valuesByColumn: [[SavValue]] = []
        for (column, name) in zip(columns, names) {
            let coded = SavColumnCoding(column.content, rows: rows)
            variables.append(SavVariable(
                name: name, label: coded.label, type: coded.type, format: coded.format, measure: coded.measure,
                valueLabels: coded.valueLabels))
            valuesByColumn.append(coded.values)
        }
        self.fileLabel = definition.title.nl
        self.variables = variables
        self.cases = rows.indices.map { row in valuesByColumn.map { $0[row] } }
    }
}

/// The columns of a panel file (SPEC §4).
enum PanelColumn: String, CaseIterable {
    case memberID = "member_id"
    case email
    case wijk
    case buurt
    case postcode
    case birthYear = "birth_year"
    case ageBand = "age_band"
    case gender
    case language

    static let required: [PanelColumn] = [.memberID, .email, .wijk, .gender]
}

/// Where each known column sits in the file, and what was wrong with the header itself.
struct PanelHeader {
    let width: Int
    private(set) var position: [PanelColumn: Int] = [:]
    private(set) var issues: [ImportIssue] = []

    init(_ record: CSVRecord) {
        width = record.fields.count
        let expected = PanelColumn.allCases.map(\.rawValue).joined(separator: ", ")
        for (index, raw) in record.fields.enumerated() {
            let name = raw.matchKey
            guard let column = PanelColumn(rawValue: name) else {
                let shown = name.isEmpty ? "column \(index + 1) has no name" : "unknown column '\(raw.trimmed)'"
                issues.append(ImportIssue(line: record.line, column: name.isEmpty ? nil : raw.trimmed,
                                          message: "\(shown) (expected: \(expected))"))
                continue
            }
            if let earlier = position[column] {
                issues.append(ImportIssue(line: record.line, column: column.rawValue,
                                          message: "column appears twice (columns \(earlier + 1) and \(index + 1))"))
                continue
            }
            position[column] = index
        }
        for column in PanelColumn.required where position[column] == nil {
            issues.append(ImportIssue(line: record.line, column: column.rawValue, message: "required column is missing"))
        }
        if position[.birthYear] == nil && position[.ageBand] == nil {
            issues.append(ImportIssue(line: record.line, column: nil,
                                      message: "one of the columns birth_year or age_band is required"))
        }
    }

    func has(_ column: PanelColumn) -> Bool { position[column] != nil }
}

/// The columns of an address file for letters.
enum AddressColumn: String, CaseIterable {
    case straat
    case huisnummer
    case toevoeging
    case postcode
    case woonplaats
    case buurt
    case wijk

    static let required: [AddressColumn] = [.straat, .huisnummer, .postcode, .woonplaats]
}

/// Where each column of an address file sits, and what was wrong with the header itself.
struct AddressHeader {
    let width: Int
    private(set) var position: [AddressColumn: Int] = [:]
    private(set) var issues: [ImportIssue] = []

    init(_ record: CSVRecord) {
        width = record.fields.count
        let expected = AddressColumn.allCases.map(\.rawValue).joined(separator: ", ")
        for (index, raw) in record.fields.enumerated() {
            let name = raw.matchKey
            guard let column = AddressColumn(rawValue: name) else {
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
        for column in AddressColumn.required where position[column] == nil {
            issues.append(ImportIssue(line: record.line, column: column.rawValue, message: "required column is missing"))
        }
    }
}

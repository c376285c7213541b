/// Reading a panel file (SPEC §4) into members, all-or-nothing.
public enum MemberImport {
    /// Validates the whole file and returns its members only if it has no problem at all.
    ///
    /// Columns: `member_id, email, wijk, buurt, postcode, birth_year | age_band, gender, language`,
    /// header required, in any order; `buurt`, `postcode` and `language` may be left out, and one of
    /// `birth_year` or `age_band` must be present (a row may leave it empty). With a birth year the age
    /// band is derived from it for `referenceYear`. Lines with only empty fields are skipped, as
    /// spreadsheets tend to leave them at the end.
    public static func parse(_ csvText: String, gemeente: Gemeente, referenceYear: Int) throws(MemberImportErrors) -> [Member] {
        let records: [CSVRecord]
        do {
            records = try CSV.parse(csvText)
        } catch {
            throw MemberImportErrors(issues: [ImportIssue(line: error.line, message: error.message)])
        }
        guard let headerRecord = records.first else {
            throw MemberImportErrors(issues: [ImportIssue(line: 1, message: "the file is empty; expected a header row")])
        }
        let header = PanelHeader(headerRecord)
        var issues = header.issues
        var members: [Member] = []
        var firstLineOfID: [String: Int] = [:]

        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmed.isEmpty }) {
            guard record.fields.count == header.width else {
                issues.append(ImportIssue(
                    line: record.line,
                    message: "expected \(header.width) fields like the header, found \(record.fields.count) (a ',' inside a value needs quotes)"))
                continue
            }
            var row = MemberRow(record: record, header: header, gemeente: gemeente, referenceYear: referenceYear)
            let member = row.validate()
            issues += row.issues

            if let id = row.value(.memberID), !id.isEmpty {
                if let first = firstLineOfID[id] {
                    issues.append(ImportIssue(line: record.line, column: PanelColumn.memberID.rawValue,
                                              message: "duplicate member_id '\(id)' (first on line \(first))"))
                    continue
                }
                firstLineOfID[id] = record.line
            }
            if let member { members.append(member) }
        }
        guard issues.isEmpty else { throw MemberImportErrors(issues: issues) }
        return members
    }
}

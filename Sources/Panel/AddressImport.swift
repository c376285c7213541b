/// Reading an address file for letters, all-or-nothing.
public enum AddressImport {
    /// Validates the whole file and returns its addresses only if it has no problem at all.
    ///
    /// Columns: `straat, huisnummer, postcode, woonplaats` required, `toevoeging, buurt, wijk`
    /// optional, header required, in any order. Postcodes are Dutch (`1234 AB`); a buurt and wijk are
    /// checked against the gemeente, and a buurt alone brings its wijk. One address on two lines
    /// (the same postcode, house number and addition) is an error: it would get two codes.
    public static func parse(_ csvText: String, gemeente: Gemeente) throws(AddressFileErrors) -> [LetterAddress] {
        let records: [CSVRecord]
        do {
            records = try CSV.parse(csvText)
        } catch {
            throw AddressFileErrors(issues: [ImportIssue(line: error.line, message: error.message)])
        }
        guard let headerRecord = records.first else {
            throw AddressFileErrors(issues: [ImportIssue(line: 1, message: "the file is empty; expected a header row")])
        }
        let header = AddressHeader(headerRecord)
        var issues = header.issues
        var addresses: [LetterAddress] = []
        var firstLineOfKey: [String: Int] = [:]

        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmed.isEmpty }) {
            guard record.fields.count == header.width else {
                issues.append(ImportIssue(
                    line: record.line,
                    message: "expected \(header.width) fields like the header, found \(record.fields.count) (a ',' inside a value needs quotes)"))
                continue
            }
            var row = AddressRow(record: record, header: header, gemeente: gemeente)
            let address = row.validate()
            issues += row.issues
            guard let address else { continue }
            if let first = firstLineOfKey[address.key] {
                let addition = address.toevoeging.isEmpty ? "" : " \(address.toevoeging)"
                issues.append(ImportIssue(
                    line: record.line,
                    message: "duplicate address \(address.postcode) \(address.huisnummer)\(addition) (first on line \(first)); each address gets one letter"))
                continue
            }
            firstLineOfKey[address.key] = record.line
            addresses.append(address)
        }
        if issues.isEmpty && addresses.isEmpty {
            issues.append(ImportIssue(line: headerRecord.line, message: "the file has a header but no addresses"))
        }
        guard issues.isEmpty else { throw AddressFileErrors(issues: issues) }
        return addresses
    }
}

/// Every problem found in an address file; nothing is issued until the file is right.
public struct AddressFileErrors: Error, Sendable, CustomStringConvertible {
    public let issues: [ImportIssue]

    public init(issues: [ImportIssue]) {
        self.issues = issues
    }

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (["\(count) in the address file; no codes were issued:"] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}

extension PopulationTable {
    static let columns = ["scope", "variable", "category", "total"]

    /// Reads `scope,variable,category,total` (header required, columns in any order). Totals are
    /// plain numbers with a '.' decimal point; a Dutch "1.234" would silently mean 1.234, so the
    /// format is documented rather than guessed.
    public static func parse(_ csvText: String) throws(CSVError) -> PopulationTable {
        let records = try CSV.parse(csvText)
        guard let header = records.first else {
            throw CSVError(line: 1, message: "the file is empty; expected the header \(columns.joined(separator: ","))")
        }
        let position = try columnPositions(header)

        var rows: [Row] = []
        var firstLine: [Row.Key: Int] = [:]
        for record in records.dropFirst() {
            let row = try parseRow(record, position: position, width: header.fields.count)
            if let earlier = firstLine[row.key] {
                throw CSVError(
                    line: record.line,
                    message: "duplicate row for scope '\(row.scope)', variable '\(row.variable)', category '\(row.category)' (first on line \(earlier))")
            }
            firstLine[row.key] = record.line
            rows.append(row)
        }
        return PopulationTable(rows: rows)
    }

    private static func columnPositions(_ header: CSVRecord) throws(CSVError) -> [String: Int] {
        var position: [String: Int] = [:]
        for (index, raw) in header.fields.enumerated() {
            let name = raw.matchKey
            guard columns.contains(name) else {
                throw CSVError(line: header.line, message: "unknown column '\(raw)'; expected \(columns.joined(separator: ","))")
            }
            guard position[name] == nil else {
                throw CSVError(line: header.line, message: "column '\(name)' appears twice")
            }
            position[name] = index
        }
        for name in columns where position[name] == nil {
            throw CSVError(line: header.line, message: "missing column '\(name)'; expected \(columns.joined(separator: ","))")
        }
        return position
    }

    private static func parseRow(_ record: CSVRecord, position: [String: Int], width: Int) throws(CSVError) -> Row {
        guard record.fields.count == width else {
            throw CSVError(line: record.line, message: "expected \(width) fields, found \(record.fields.count)")
        }
        func field(_ name: String) -> String { record.fields[position[name] ?? 0].trimmed }

        for name in ["scope", "variable", "category"] where field(name).isEmpty {
            throw CSVError(line: record.line, message: "\(name) is empty")
        }
        let text = field("total")
        guard let total = Double(text), total.isFinite else {
            throw CSVError(line: record.line, message: "total '\(text)' is not a number (use digits and '.' for decimals)")
        }
        guard total >= 0 else {
            throw CSVError(line: record.line, message: "total \(text) is negative")
        }
        return Row(scope: field("scope"), variable: field("variable"), category: field("category"), total: total)
    }
}

extension PopulationTable.Row {
    struct Key: Hashable {
        let scope: String, variable: String, category: String
    }

    var key: Key { Key(scope: scope, variable: variable, category: category) }
}

/// Checks one data line of an address file. Every field is checked even after an earlier one
/// failed, so a line's problems all show up in one report.
struct AddressRow {
    let record: CSVRecord
    let header: AddressHeader
    let gemeente: Gemeente
    private(set) var issues: [ImportIssue] = []

    static let maxTextLength = 100

    init(record: CSVRecord, header: AddressHeader, gemeente: Gemeente) {
        self.record = record
        self.header = header
        self.gemeente = gemeente
    }

    func value(_ column: AddressColumn) -> String? {
        header.position[column].map { record.fields[$0].trimmed }
    }

    private mutating func check<T>(_ column: AddressColumn, optional: Bool = false, _ rule: (String) -> Result<T, FieldProblem>) -> T? {
        guard let text = value(column), !(optional && text.isEmpty) else { return nil }
        switch rule(text) {
        case .success(let value): return value
        case .failure(let problem):
            issues.append(ImportIssue(line: record.line, column: column.rawValue, message: problem.message))
            return nil
        }
    }

    /// The address, or nil with `issues` saying why.
    mutating func validate() -> LetterAddress? {
        let straat = check(.straat) { Self.text($0, "straat") }
        let huisnummer = check(.huisnummer, Self.houseNumber)
        let toevoeging = check(.toevoeging, optional: true, Self.addition) ?? ""
        let postcode = check(.postcode, FieldRules.postcode)
        let woonplaats = check(.woonplaats) { Self.text($0, "woonplaats") }
        let (wijk, buurt) = checkArea()
        guard issues.isEmpty, let straat, let huisnummer, let postcode, let woonplaats else { return nil }
        return LetterAddress(straat: straat, huisnummer: huisnummer, toevoeging: toevoeging, postcode: postcode,
                             woonplaats: woonplaats, wijk: wijk, buurt: buurt)
    }

    /// The wijk and buurt as the gemeente spells them; a buurt without a wijk brings its wijk along.
    private mutating func checkArea() -> (wijk: String?, buurt: String?) {
        let gemeente = self.gemeente
        let wijk = check(.wijk, optional: true) { AreaRules.wijk($0, in: gemeente) }
        let wijkGiven = !(value(.wijk) ?? "").isEmpty
        if let wijk {
            return (wijk, check(.buurt, optional: true) { AreaRules.buurt($0, inWijk: wijk, of: gemeente) })
        }
        guard !wijkGiven, let area = check(.buurt, optional: true, { AreaRules.buurtAnywhere($0, in: gemeente) }) else { return (nil, nil) }
        return (area.wijk, area.buurt)
    }

    static func text(_ value: String, _ name: String) -> Result<String, FieldProblem> {
        guard !value.isEmpty else { return .failure("\(name) is empty") }
        guard value.count <= maxTextLength else { return .failure("\(name) is longer than \(maxTextLength) characters") }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .failure("\(name) contains a control character (a line break or tab)")
        }
        return .success(value)
    }

    static func houseNumber(_ value: String) -> Result<Int, FieldProblem> {
        let digits = value.prefix { $0.isASCII && $0.isNumber }
        guard !value.isEmpty else { return .failure("huisnummer is empty") }
        if digits.count == value.count, digits.count <= 5, let number = Int(digits), number > 0 { return .success(number) }
        if !digits.isEmpty && digits.count < value.count {
            let rest = value.dropFirst(digits.count).trimmed
            return .failure("huisnummer '\(value)' is not a whole number; put '\(rest)' in the column toevoeging")
        }
        return .failure("huisnummer '\(value)' is not a house number (a whole number from 1 to 99999)")
    }

    static func addition(_ value: String) -> Result<String, FieldProblem> {
        let allowed = value.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == " " || $0 == "-" }
        guard allowed, value.count <= 10 else {
            return .failure("toevoeging '\(value)' must be at most 10 letters, digits, spaces or '-'")
        }
        return .success(value)
    }
}

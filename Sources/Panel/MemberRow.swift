/// Checks one data line of a panel file against the header and the gemeente. Every field is checked
/// even after an earlier one failed, so a line's problems all show up in one report.
struct MemberRow {
    let record: CSVRecord
    let header: PanelHeader
    let gemeente: Gemeente
    let referenceYear: Int
    private(set) var issues: [ImportIssue] = []

    init(record: CSVRecord, header: PanelHeader, gemeente: Gemeente, referenceYear: Int) {
        self.record = record
        self.header = header
        self.gemeente = gemeente
        self.referenceYear = referenceYear
    }

    /// The trimmed value of a column, or nil when the file has no such column.
    func value(_ column: PanelColumn) -> String? {
        header.position[column].map { record.fields[$0].trimmed }
    }

    /// Runs a rule on a column that is present (and, for an optional field, filled in); reports its
    /// problem against the column.
    private mutating func check<T>(
        _ column: PanelColumn, optional: Bool = false, _ rule: (String) -> Result<T, FieldProblem>
    ) -> T? {
        guard let text = value(column), !(optional && text.isEmpty) else { return nil }
        switch rule(text) {
        case .success(let value): return value
        case .failure(let problem):
            report(column, problem.message)
            return nil
        }
    }

    private mutating func report(_ column: PanelColumn, _ message: String) {
        issues.append(ImportIssue(line: record.line, column: column.rawValue, message: message))
    }

    /// The member, or nil with `issues` saying why (or because the header lacks a column, which the
    /// header's own issues report).
    mutating func validate() -> Member? {
        let id = check(.memberID, FieldRules.memberID)
        let email = check(.email, EmailAddress.normalise)
        let wijk = checkWijk()
        let buurt = checkBuurt(inWijk: wijk)
        let postcode = check(.postcode, optional: true, FieldRules.postcode)
        let year = referenceYear
        let birthYear = check(.birthYear, optional: true) { FieldRules.birthYear($0, referenceYear: year) }
        let givenBand = check(.ageBand, optional: true, FieldRules.ageBand)
        let gender = check(.gender, FieldRules.gender)
        let language = check(.language, FieldRules.language) ?? "nl"

        var ageBand = givenBand
        if let birthYear, let derived = AgeBand.of(birthYear: birthYear, referenceYear: referenceYear) {
            if let givenBand, givenBand != derived {
                report(.ageBand, "age_band \(givenBand.rawValue) does not match birth_year \(birthYear), which gives \(derived.rawValue) in \(referenceYear)")
            }
            ageBand = derived
        }

        guard issues.isEmpty, let id, let email, let wijk, let gender else { return nil }
        return Member(id: id, email: email, wijk: wijk, buurt: buurt, postcode: postcode, birthYear: birthYear,
                      ageBand: ageBand, gender: gender, language: language)
    }

    private mutating func checkWijk() -> String? {
        let gemeente = self.gemeente
        return check(.wijk) { AreaRules.wijk($0, in: gemeente) }
    }

    private mutating func checkBuurt(inWijk wijk: String?) -> String? {
        guard let wijk else { return nil }
        let gemeente = self.gemeente
        return check(.buurt, optional: true) { AreaRules.buurt($0, inWijk: wijk, of: gemeente) }
    }
}

import Testing
@testable import Panel

@Suite struct MemberImportTests {
    let header = "member_id,email,wijk,buurt,postcode,birth_year,gender,language"

    func file(_ lines: String...) -> String {
        ([header] + lines).joined(separator: "\n") + "\n"
    }

    /// The issue reported on `line`, if exactly one is.
    func issue(on line: Int, in issues: [ImportIssue]) -> ImportIssue? {
        let found = issues.filter { $0.line == line }
        return found.count == 1 ? found[0] : nil
    }

    @Test func validFileGivesMembersWithDerivedAgeBands() throws {
        let members = try Fixtures.importing(file(
            "p-001,jan@voorbeeld.nl,Oost,Geraniumbuurt,1215ab,1990,man,nl",
            "p-002,Anna.de.Vries@Voorbeeld.NL,centrum,,,1960,V,en",
            "p_003,x@example.org,Hilversumse Meent,,1216 CD,1950,,",
            "p.004,y@example.org,Oost,,,,x,"
        ))
        #expect(members == [
            Member(id: "p-001", email: "jan@voorbeeld.nl", wijk: "Oost", buurt: "Geraniumbuurt", postcode: "1215 AB",
                   birthYear: 1990, ageBand: .from35to49, gender: .man, language: "nl"),
            Member(id: "p-002", email: "Anna.de.Vries@voorbeeld.nl", wijk: "Centrum", birthYear: 1960, ageBand: .from65,
                   gender: .vrouw, language: "en"),
            Member(id: "p_003", email: "x@example.org", wijk: "Hilversumse Meent", postcode: "1216 CD", birthYear: 1950,
                   ageBand: .from65, gender: .onbekend),
            Member(id: "p.004", email: "y@example.org", wijk: "Oost", gender: .anders),
        ])
        #expect(members.allSatisfy { $0.active })
    }

    @Test func ageBandColumnAndFreeColumnOrder() throws {
        let members = try Fixtures.importing("""
            gender,age_band,wijk,email,member_id
            vrouw,50-64,Oost,a@example.org,a1
            man,,Centrum,b@example.org,b2

            """)
        #expect(members.map(\.ageBand) == [.from50to64, nil])
        #expect(members.map(\.language) == ["nl", "nl"])
        #expect(members.map(\.buurt) == [nil, nil])
    }

    @Test func ageBandBoundaries() {
        #expect(AgeBand.of(birthYear: 2008, referenceYear: 2025) == nil)
        #expect(AgeBand.of(birthYear: 2007, referenceYear: 2025) == .from18to34)
        #expect(AgeBand.of(birthYear: 1991, referenceYear: 2025) == .from18to34)
        #expect(AgeBand.of(birthYear: 1990, referenceYear: 2025) == .from35to49)
        #expect(AgeBand.of(birthYear: 1976, referenceYear: 2025) == .from35to49)
        #expect(AgeBand.of(birthYear: 1975, referenceYear: 2025) == .from50to64)
        #expect(AgeBand.of(birthYear: 1961, referenceYear: 2025) == .from50to64)
        #expect(AgeBand.of(birthYear: 1960, referenceYear: 2025) == .from65)
    }

    @Test(arguments: [
        ("x1,a@example.org,Oostt,,,1980,man,nl", "wijk", "unknown wijk 'Oostt'; did you mean 'Oost'?"),
        ("x1,a@example.org,Zuid,,,1980,man,nl", "wijk", "unknown wijk 'Zuid' (known: Centrum, Oost, Hilversumse Meent)"),
        ("x1,a@example.org,,,,1980,man,nl", "wijk", "wijk is empty"),
        (",a@example.org,Oost,,,1980,man,nl", "member_id", "member_id is empty"),
        ("x 1,a@example.org,Oost,,,1980,man,nl", "member_id", "must be 1–64 characters"),
        ("x1,a@@example.org,Oost,,,1980,man,nl", "email", "not a valid e-mail address"),
        ("x1,a.example.org,Oost,,,1980,man,nl", "email", "no '@'"),
        ("x1,a@example,Oost,,,1980,man,nl", "email", "no '.'"),
        ("x1,,Oost,,,1980,man,nl", "email", "email is empty"),
        ("x1,a@example.org,Oost,Boomberg-Noord,,1980,man,nl", "buurt", "is not a buurt of wijk Oost"),
        ("x1,a@example.org,Centrum,Geraniumbuurt,,1980,man,nl", "buurt", "lies in wijk Oost, not in Centrum"),
        ("x1,a@example.org,Oost,,123AB,1980,man,nl", "postcode", "not a Dutch postcode"),
        ("x1,a@example.org,Oost,,0123 AB,1980,man,nl", "postcode", "not a Dutch postcode"),
        ("x1,a@example.org,Oost,,1234 A1,1980,man,nl", "postcode", "not a Dutch postcode"),
        ("x1,a@example.org,Oost,,,80,man,nl", "birth_year", "not a 4-digit year"),
        ("x1,a@example.org,Oost,,,2010,man,nl", "birth_year", "must be 18 or older"),
        ("x1,a@example.org,Oost,,,1900,man,nl", "birth_year", "at most 110"),
        ("x1,a@example.org,Oost,,,1980,mens,nl", "gender", "unknown gender 'mens'"),
        ("x1,a@example.org,Oost,,,1980,man,de", "language", "unknown language 'de'"),
    ])
    func eachProblemNamesItsLineAndColumn(row: String, column: String, fragment: String) {
        let issues = Fixtures.issues(file("ok-1,ok@example.org,Oost,,,1980,man,nl", row))
        #expect(issues.count == 1, "\(issues)")
        guard let issue = issue(on: 3, in: issues) else { return }
        #expect(issue.column == column)
        #expect(issue.message.contains(fragment), "\(issue.message)")
        #expect(issue.description.hasPrefix("line 3, column \(column): "))
    }

    @Test func unknownAgeBandAndMismatchWithBirthYear() {
        let issues = Fixtures.issues("""
            member_id,email,wijk,birth_year,age_band,gender
            a,a@example.org,Oost,,18-30,man
            b,b@example.org,Oost,1990,65+,man
            c,c@example.org,Oost,1990,35-49,man

            """)
        #expect(issues.map(\.line) == [2, 3])
        #expect(issues.map(\.column) == ["age_band", "age_band"])
        #expect(issues[0].message.contains("unknown age_band '18-30'"))
        #expect(issues[1].message.contains("does not match birth_year 1990"))
    }

    @Test func wrongFieldCountIsOneIssueForTheLine() {
        let issues = Fixtures.issues(file("x1,a@example.org,Oost,,,1980,man"))
        #expect(issues == [ImportIssue(line: 2, column: nil, message: "expected 8 fields like the header, found 7 (a ',' inside a value needs quotes)")])
    }

    @Test func headerProblems() {
        let issues = Fixtures.issues("""
            member_id,e-mail,wijk,geslacht
            a,a@example.org,Oost,man

            """)
        #expect(issues.allSatisfy { $0.line == 1 })
        #expect(issues.compactMap(\.column) == ["e-mail", "geslacht", "email", "gender"])
        #expect(issues.contains { $0.column == nil && $0.message.contains("birth_year or age_band") })
        #expect(issues.first?.description.hasPrefix("line 1, column e-mail: unknown column 'e-mail'") == true)
    }

    @Test func emptyFileAndBadCSV() {
        #expect(Fixtures.issues("") == [ImportIssue(line: 1, message: "the file is empty; expected a header row")])
        let issues = Fixtures.issues(file("x1,\"a@example.org,Oost,,,1980,man,nl"))
        #expect(issues.map(\.line) == [2])
    }

    @Test func everyProblemOfEveryLineIsReported() {
        let issues = Fixtures.issues(file(
            "a1,a@example.org,Oost,,,1980,man,nl",
            "b 2,geen-adres,Oostt,,99,1700,?,fr",
            "c3,c@example.org,Centrum,,,1980,vrouw,nl",
            "d4,d@example,Noord,,,2015,man,nl"
        ))
        #expect(issues.filter { $0.line == 3 }.compactMap(\.column) == ["member_id", "email", "wijk", "postcode", "birth_year", "gender", "language"])
        #expect(issues.filter { $0.line == 5 }.compactMap(\.column) == ["email", "wijk", "birth_year"])
        #expect(issues.count == 10)
        let errors = MemberImportErrors(issues: issues)
        #expect(errors.description.hasPrefix("10 problems in the panel file; nothing was imported:\n  line 3, column member_id: "))
    }

    @Test func duplicateIDNamesBothLines() {
        let issues = Fixtures.issues(file(
            "a1,a@example.org,Oost,,,1980,man,nl",
            "b2,b@example.org,Oost,,,1980,man,nl",
            "a1,c@example.org,Centrum,,,1970,vrouw,nl"
        ))
        #expect(issues == [ImportIssue(line: 4, column: "member_id", message: "duplicate member_id 'a1' (first on line 2)")])
    }

    @Test func wijkAndBuurtMatchCaseInsensitivelyToCanonicalNames() throws {
        let members = try Fixtures.importing(file(
            "a1,a@example.org,  OOST ,GERANIUMBUURT,,1980,man,nl",
            "b2,b@example.org,hilversumse meent,Eigen buurtnaam,,1980,man,nl"
        ))
        #expect(members.map(\.wijk) == ["Oost", "Hilversumse Meent"])
        // Where the table lists no buurten for a wijk the buurt is kept as written.
        #expect(members.map(\.buurt) == ["Geraniumbuurt", "Eigen buurtnaam"])
    }

    @Test func lineNumbersFollowMultilineFieldsAndSkipEmptyRows() {
        let issues = Fixtures.issues(file(
            "a1,\"a@example.org\",Oost,\"Geranium\nbuurt\",,1980,man,nl",
            ",,,,,,,",
            "b2,b@example.org,Oostt,,,1980,man,nl"
        ))
        #expect(issues.map(\.line) == [2, 5])
        #expect(issues.map(\.column) == ["buurt", "wijk"])
    }

    @Test func gendersAndLanguagesAccepted() throws {
        let spellings = ["man": Gender.man, "M": .man, "male": .man, "Vrouw": .vrouw, "v": .vrouw, "F": .vrouw, "female": .vrouw,
                         "anders": .anders, "X": .anders, "other": .anders, "": .onbekend, "onbekend": .onbekend]
        let rows = spellings.keys.sorted().enumerated().map { "id\($0.offset),a@example.org,Oost,,,1980,\($0.element),EN" }
        let members = try Fixtures.importing(([header] + rows).joined(separator: "\n"))
        #expect(members.map(\.gender) == spellings.keys.sorted().map { spellings[$0] })
        #expect(members.allSatisfy { $0.language == "en" })
    }

    @Test func emailRules() {
        for good in ["a@b.nl", "jan.de.vries+panel@gemeente.hilversum.nl", "o'brien@example.org", "x@xn--bcher-kva.xn--p1ai"] {
            #expect((try? EmailAddress.normalise(good).get()) != nil, "\(good)")
        }
        for bad in ["a@b", "@b.nl", "a@.nl", "a..b@c.nl", ".a@c.nl", "a@-b.nl", "a b@c.nl", "a@b.n1", "a@b.c", "jän@b.nl"] {
            #expect((try? EmailAddress.normalise(bad).get()) == nil, "\(bad)")
        }
    }

    @Test func suggestions() {
        let wijken = ["Noordoost", "Noordwest", "Zuid", "Zuidoost", "Zuidwest", "Hilversumse Meent", "Centrum", "Oost"]
        #expect(Suggestion.closest(to: "Oostt", in: wijken) == "Oost")
        #expect(Suggestion.closest(to: "Meent", in: wijken) == "Hilversumse Meent")
        #expect(Suggestion.closest(to: "Centrm", in: wijken) == "Centrum")
        #expect(Suggestion.closest(to: "Amsterdam", in: wijken) == nil)
    }
}

import Testing
@testable import Panel

@Suite struct AddressImportTests {
    func parse(_ text: String) throws(AddressFileErrors) -> [LetterAddress] {
        try AddressImport.parse(text, gemeente: Fixtures.gemeente)
    }

    func issues(_ text: String) -> [ImportIssue] {
        do {
            let addresses = try parse(text)
            Issue.record("expected problems, got \(addresses.count) addresses")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func validFileGivesAddressesWithTheirAreas() throws {
        let addresses = try parse("""
            \u{FEFF}straat,huisnummer,toevoeging,postcode,woonplaats,buurt,wijk
            Geraniumstraat,12,a,1215ab,Hilversum,geraniumbuurt,
            Geraniumstraat,012,,1215 AB,Hilversum,,
            Lupinestraat,3,bis,1215 AC, Hilversum ,Boomberg,oost

            Kerkstraat,1,,1211 AA,Hilversum,,Centrum

            """)
        #expect(addresses == [
            LetterAddress(straat: "Geraniumstraat", huisnummer: 12, toevoeging: "a", postcode: "1215 AB", woonplaats: "Hilversum",
                          wijk: "Oost", buurt: "Geraniumbuurt"),
            LetterAddress(straat: "Geraniumstraat", huisnummer: 12, postcode: "1215 AB", woonplaats: "Hilversum"),
            LetterAddress(straat: "Lupinestraat", huisnummer: 3, toevoeging: "bis", postcode: "1215 AC", woonplaats: "Hilversum",
                          wijk: "Oost", buurt: "Boomberg"),
            LetterAddress(straat: "Kerkstraat", huisnummer: 1, postcode: "1211 AA", woonplaats: "Hilversum", wijk: "Centrum"),
        ])
        #expect(addresses[0].key == "1215AB|12|A" && addresses[1].key == "1215AB|12|")
        #expect(addresses[0].streetLine == "Geraniumstraat 12 a" && addresses[0].postcodeLine == "1215 AB  HILVERSUM")
    }

    @Test func onlyTheRequiredColumnsInAnyOrder() throws {
        let addresses = try parse("woonplaats,postcode,huisnummer,straat\nHilversum,1215 AB,7,Geraniumstraat\n")
        #expect(addresses.map(\.key) == ["1215AB|7|"] && addresses[0].wijk == nil && addresses[0].buurt == nil)
    }

    @Test func everyBadLineIsReportedWithItsLineColumnAndReason() {
        let found = issues("""
            straat,huisnummer,toevoeging,postcode,woonplaats,buurt,wijk
            Geraniumstraat,12,,1215 AB,Hilversum,Geraniumbuurt,
            Geraniumstraat,12a,,1215 AB,Hilversum,,
            Geraniumstraat,14,,1215 A,Hilversum,,
            Geraniumstr.,12,,1215AB,Hilversum,,
            Geraniumstraat,16,,1215 AB,Hilversum,Geraniumbuurtt,
            Geraniumstraat,18,,1215 AB,Hilversum,Boomberg,Centrum
            ,20,,1215 AB,,,
            Geraniumstraat,22,,1215 AB,Hilversum,,Oostt
            Geraniumstraat,24,,1215 AB,Hilversum
            Geraniumstraat,0,**,1215 AB,Hilversum,,
            """)
        let expected: [(Int, String?, String)] = [
            (3, "huisnummer", "huisnummer '12a' is not a whole number; put 'a' in the column toevoeging"),
            (4, "postcode", "postcode '1215 A' is not a Dutch postcode like 1234 AB"),
            (5, nil, "duplicate address 1215 AB 12 (first on line 2); each address gets one letter"),
            (6, "buurt", "unknown buurt 'Geraniumbuurtt'; did you mean 'Geraniumbuurt'? (known: Geraniumbuurt, Boomberg)"),
            (7, "buurt", "buurt 'Boomberg' lies in wijk Oost, not in Centrum"),
            (8, "straat", "straat is empty"),
            (8, "woonplaats", "woonplaats is empty"),
            (9, "wijk", "unknown wijk 'Oostt'; did you mean 'Oost'? (known: Centrum, Oost, Hilversumse Meent)"),
            (10, nil, "expected 7 fields like the header, found 5 (a ',' inside a value needs quotes)"),
            (11, "huisnummer", "huisnummer '0' is not a house number (a whole number from 1 to 99999)"),
            (11, "toevoeging", "toevoeging '**' must be at most 10 letters, digits, spaces or '-'"),
        ]
        #expect(found.map(\.line) == expected.map(\.0))
        #expect(found.map(\.column) == expected.map(\.1))
        #expect(found.map(\.message) == expected.map(\.2))
        #expect(found[0].description == "line 3, column huisnummer: huisnummer '12a' is not a whole number; put 'a' in the column toevoeging")
    }

    @Test func theHeaderMustNameTheRequiredColumnsOnce() {
        let found = issues("straat,postcode,postcode,plaats\nA,1215 AB,1215 AB,H\n")
        #expect(found.map(\.description) == [
            "line 1, column postcode: column appears twice (columns 2 and 3)",
            "line 1, column plaats: unknown column 'plaats' (expected: straat, huisnummer, toevoeging, postcode, woonplaats, buurt, wijk)",
            "line 1, column huisnummer: required column is missing",
            "line 1, column woonplaats: required column is missing",
        ])
    }

    @Test func emptyFilesAndBrokenCSVSayWhere() {
        #expect(issues("").map(\.description) == ["line 1: the file is empty; expected a header row"])
        #expect(issues("straat,huisnummer,postcode,woonplaats\n").map(\.description) == ["line 1: the file has a header but no addresses"])
        #expect(issues("straat,huisnummer,postcode,woonplaats\n\"A,1,1215 AB,H\n").map(\.line) == [2])
        let errors = AddressFileErrors(issues: [ImportIssue(line: 2, column: "postcode", message: "x")])
        #expect(errors.description == "1 problem in the address file; no codes were issued:\n  line 2, column postcode: x")
    }
}

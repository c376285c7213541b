import Testing
@testable import Panel

@Suite struct CSVTests {
    func fields(_ text: String) throws -> [[String]] {
        try CSV.parse(text).map(\.fields)
    }

    @Test func plainFieldsAndTrailingNewline() throws {
        #expect(try fields("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try fields("a,b,c\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try fields("a,,c,\n") == [["a", "", "c", ""]])
    }

    @Test func quotedFieldsWithSeparatorsAndDoubledQuotes() throws {
        let text = ##""Hoek, Jan","zei ""hallo""",""\##n"##
        #expect(try fields(text) == [["Hoek, Jan", #"zei "hallo""#, ""]])
    }

    @Test func embeddedNewlineKeepsTheRecordsStartLine() throws {
        let records = try CSV.parse("h1,h2\n\"twee\nregels\",x\nlaatste,y\n")
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[1].fields == ["twee\nregels", "x"])
    }

    @Test func crlfLineEnds() throws {
        let records = try CSV.parse("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["x\r\ny", "3"], ["4", "5"]])
        #expect(records.map(\.line) == [1, 2, 3, 5])
    }

    @Test func byteOrderMarkIsIgnored() throws {
        #expect(try fields("\u{FEFF}member_id,email\n") == [["member_id", "email"]])
    }

    @Test func blankLinesAreSkippedButCountedAndQuotedEmptyIsARecord() throws {
        let records = try CSV.parse("a\n\n\nb\n\"\"\n")
        #expect(records.map(\.fields) == [["a"], ["b"], [""]])
        #expect(records.map(\.line) == [1, 4, 5])
        #expect(try CSV.parse("").isEmpty)
        #expect(try CSV.parse("\n").isEmpty)
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() {
        #expect(throws: CSVError(line: 2, message: "the quoted field that starts on this line is never closed")) {
            try CSV.parse("a,b\n1,\"open\nstill open\n")
        }
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: CSVError.self) { try CSV.parse("a\n\"x\"y\n") }
        do {
            _ = try CSV.parse("a\n\"x\"y\n")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("line 2: "))
        }
    }

    @Test func quoteInsideUnquotedFieldIsAnError() {
        do {
            _ = try CSV.parse("a,b\n1,2\nab\"c,d\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func formatQuotesOnlyWhatNeedsIt() throws {
        let rows = [["plain", "a,b", #"zei "ja""#, "twee\nregels", " spatie"]]
        let text = CSV.format(rows)
        #expect(text == "plain,\"a,b\",\"zei \"\"ja\"\"\",\"twee\nregels\",\" spatie\"\n")
        #expect(try fields(text) == rows)
    }

    /// A first field that starts with a byte order mark keeps it: quoted, so that reading the file
    /// back does not take it for the file's own (found by fuzzing).
    @Test func aByteOrderMarkAtTheStartOfTheFirstFieldSurvivesFormatting() throws {
        let rows = try fields("\u{FEFF}\u{FEFF}straat,huisnummer\n")
        #expect(rows == [["\u{FEFF}straat", "huisnummer"]])
        #expect(try fields(CSV.format(rows)) == rows)
    }
}

import Foundation
import Exports
import Surveys
import Testing

/// One question of `type` called `q`, and rows answering it with `values`.
private func oneQuestion(_ type: QuestionType, id: String = "q", _ values: [[String]?]) -> (SurveyDefinition, [ExportRow]) {
    let survey = SurveyDefinition(id: "t", kind: .enquete, title: "T", questions: [Question(id: id, text: "Vraag", type: type)])
    let rows = values.enumerated().map { index, value in
        ExportRow(respondent: index + 1, wijk: "Oost", ageBand: "35-49", gender: "vrouw", answers: value.map { [id: $0] } ?? [:])
    }
    return (survey, rows)
}

/// The cells of the question column (after the four fixed columns) of each data row.
private func answerCells(_ csv: String) throws -> [[String]] {
    try CSVParsing.records(csv).dropFirst().map { Array($0.dropFirst(4)) }
}

@Suite struct CSVExportTests {
    let survey = ExportFixtures.survey
    let rows = ExportFixtures.rows

    @Test func headerHasTheCategoriesThenOneColumnPerQuestionAndOnePerMultiOption() throws {
        let records = try CSVParsing.records(ResponseExport.csv(survey, rows: rows))
        #expect(records.first == [
            "respondent", "wijk", "age_band", "gender", "weight", "steun", "vervoer", "tevredenheid-wijk",
            "voorzieningen_speeltuin", "voorzieningen_bankjes", "voorzieningen_ij-baan", "hond", "temperatuur", "kinderen",
            "verhuisd", "toelichting", "brug",
        ])
        #expect(records.count == rows.count + 1)
        #expect(records.allSatisfy { $0.count == 17 })
    }

    @Test func utf8WithoutByteOrderMarkAndCRLFAfterEveryRecord() {
        let csv = ResponseExport.csv(survey, rows: rows)
        #expect(csv.unicodeScalars.first != "\u{FEFF}")
        #expect(csv.hasPrefix("respondent,wijk,age_band,gender,weight,steun,"))
        #expect(csv.hasSuffix("\r\n"))
        let outsideQuotes = csv.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }
        #expect(outsideQuotes.allSatisfy { !$0.element.replacingCRLF().contains("\n") && !$0.element.replacingCRLF().contains("\r") })
    }

    @Test func everyCellReadsBackAsTheStoredValue() throws {
        let records = try CSVParsing.records(ResponseExport.csv(survey, rows: rows))
        for (row, record) in zip(rows, records.dropFirst()) {
            func stored(_ id: String) -> String { row.answers[id]?.first ?? "" }
            func chosen(_ code: String) -> String { row.answers["voorzieningen"].map { $0.contains(code) ? "1" : "0" } ?? "" }
            func safe(_ text: String) -> String { text.hasPrefix("=") || text.hasPrefix("-") ? "'" + text : text }
            let expected = [
                String(row.respondent), row.wijk, row.ageBand ?? "", row.gender, row.weight.map { "\($0)" } ?? "",
                stored("steun"), stored("vervoer"), stored("tevredenheid-wijk"), chosen("speeltuin"), chosen("bankjes"), chosen("ij-baan"),
                stored("hond"), stored("temperatuur"), stored("kinderen"), stored("verhuisd"), safe(stored("toelichting")), stored("brug"),
            ]
            #expect(record == expected, "respondent \(row.respondent)")
        }
    }

    @Test func noWeightColumnWhenNoRowIsWeighted() {
        let unweighted = rows.map { row in
            var row = row
            row.weight = nil
            return row
        }
        #expect(ResponseExport.csv(survey, rows: unweighted).hasPrefix("respondent,wijk,age_band,gender,steun,"))
    }

    @Test func emptySurveyResponseGivesOnlyTheHeader() {
        #expect(ResponseExport.csv(survey, rows: []).components(separatedBy: "\r\n") == [
            "respondent,wijk,age_band,gender,steun,vervoer,tevredenheid-wijk,voorzieningen_speeltuin,voorzieningen_bankjes,"
                + "voorzieningen_ij-baan,hond,temperatuur,kinderen,verhuisd,toelichting,brug",
            "",
        ])
    }

    @Test func commasQuotesAndLineBreaksAreQuoted() {
        let (survey, rows) = oneQuestion(.text(maxLength: 500, multiline: true), [
            ["a, b"], ["zei \"nee\""], ["regel 1\nregel 2"], ["gewoon"], ["één ijsbaan"], ["cr\r\nlf"],
        ])
        let lines = ResponseExport.csv(survey, rows: rows)
        #expect(lines.contains("\r\n1,Oost,35-49,vrouw,\"a, b\"\r\n"))
        #expect(lines.contains("\r\n2,Oost,35-49,vrouw,\"zei \"\"nee\"\"\"\r\n"))
        #expect(lines.contains("\r\n3,Oost,35-49,vrouw,\"regel 1\nregel 2\"\r\n"))
        #expect(lines.contains("\r\n4,Oost,35-49,vrouw,gewoon\r\n"))
        #expect(lines.contains("\r\n5,Oost,35-49,vrouw,één ijsbaan\r\n"))
        #expect(lines.contains("\r\n6,Oost,35-49,vrouw,\"cr\r\nlf\"\r\n"))
    }

    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+31 6 12345678", "'+31 6 12345678"), ("-3", "'-3"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"), ("=HYPERLINK(\"http://x\",\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\""),
        ("a=b", "a=b"), ("'al geciteerd", "'al geciteerd"), ("3-4", "3-4"),
    ])
    func formulasInTextAreNeutralised(_ typed: String, _ cell: String) throws {
        let (survey, rows) = oneQuestion(.text(maxLength: 500, multiline: false), [[typed]])
        let csv = ResponseExport.csv(survey, rows: rows)
        #expect(csv.hasSuffix(",\(cell)\r\n"))
        #expect(try answerCells(csv) == [[cell.trimmingQuotes()]])
    }

    @Test func carriageReturnAtTheStartIsNeutralisedAndQuoted() {
        let (survey, rows) = oneQuestion(.text(maxLength: 500, multiline: true), [["\rcmd"]])
        #expect(ResponseExport.csv(survey, rows: rows).hasSuffix(",\"'\rcmd\"\r\n"))
    }

    @Test func negativeNumbersOfNumberAndScaleQuestionsAreLeftAlone() throws {
        let (number, numberRows) = oneQuestion(.number(NumberRule(min: -10)), [["-3"], ["-2.5"], ["4"], nil])
        #expect(try answerCells(ResponseExport.csv(number, rows: numberRows)) == [["-3"], ["-2.5"], ["4"], [""]])
        let (scale, scaleRows) = oneQuestion(.scale(Scale(min: -2, max: 2)), [["-2"], ["0"], ["2"]])
        #expect(try answerCells(ResponseExport.csv(scale, rows: scaleRows)) == [["-2"], ["0"], ["2"]])
        // Not a plain number, so neutralised even in a number column.
        let (odd, oddRows) = oneQuestion(.number(NumberRule()), [["-1e5"], ["-"], ["-3."]])
        #expect(try answerCells(ResponseExport.csv(odd, rows: oddRows)) == [["'-1e5"], ["'-"], ["'-3."]])
    }

    @Test func panelCategoriesAreNeutralisedToo() throws {
        let survey = SurveyDefinition(id: "t", kind: .poll, title: "T", questions: [])
        let rows = [ExportRow(respondent: 1, wijk: "=Oost", ageBand: "-18", gender: "@x", answers: [:])]
        #expect(try CSVParsing.records(ResponseExport.csv(survey, rows: rows)) == [
            ["respondent", "wijk", "age_band", "gender"], ["1", "'=Oost", "'-18", "'@x"],
        ])
    }

    @Test func multiDummiesAreOneZeroAndEmptyWhenUnanswered() throws {
        let options = [Option(code: "a", text: "A"), Option(code: "b-2", text: "B"), Option(code: "c", text: "C")]
        let (survey, rows) = oneQuestion(.multi(options: options, min: nil, max: nil), id: "kies", [["a", "c"], ["b-2"], nil, []])
        let records = try CSVParsing.records(ResponseExport.csv(survey, rows: rows))
        #expect(records[0].suffix(3) == ["kies_a", "kies_b-2", "kies_c"])
        #expect(records.dropFirst().map { Array($0.suffix(3)) } == [["1", "0", "1"], ["0", "1", "0"], ["", "", ""], ["", "", ""]])
    }

    @Test func everyTypeWritesItsStoredValue() throws {
        let survey = SurveyDefinition(
            id: "t", kind: .enquete, title: "T",
            questions: [
                Question(id: "s", text: "S", type: .single(options: [Option(code: "x", text: "X")])),
                Question(id: "sc", text: "Sc", type: .scale(Scale(min: 1, max: 5))),
                Question(id: "yn", text: "Yn", type: .yesno),
                Question(id: "n", text: "N", type: .number(NumberRule())),
                Question(id: "d", text: "D", type: .date(DateRule())),
                Question(id: "t", text: "T", type: .text(maxLength: 10, multiline: false)),
            ])
        let rows = [
            ExportRow(
                respondent: 1, wijk: "Centrum", gender: "man", weight: 1.25,
                answers: ["s": ["x"], "sc": ["4"], "yn": ["nee"], "n": ["2.5"], "d": ["2026-12-01"], "t": ["hoi"]]),
            ExportRow(respondent: 2, wijk: "Centrum", gender: "man", answers: [:]),
        ]
        #expect(try CSVParsing.records(ResponseExport.csv(survey, rows: rows)) == [
            ["respondent", "wijk", "age_band", "gender", "weight", "s", "sc", "yn", "n", "d", "t"],
            ["1", "Centrum", "", "man", "1.25", "x", "4", "nee", "2.5", "2026-12-01", "hoi"],
            ["2", "Centrum", "", "man", "", "", "", "", "", "", ""],
        ])
    }

    @Test func aQuestionNamedLikeAFixedColumnGetsASuffix() throws {
        let (survey, rows) = oneQuestion(.yesno, id: "gender", [["ja"]])
        #expect(try CSVParsing.records(ResponseExport.csv(survey, rows: rows)) == [
            ["respondent", "wijk", "age_band", "gender", "gender_2"], ["1", "Oost", "35-49", "vrouw", "ja"],
        ])
    }
}

extension StringProtocol {
    fileprivate func replacingCRLF() -> String { split(separator: "\r\n", omittingEmptySubsequences: false).joined() }

    /// A quoted CSV cell's content: outer quotes dropped and doubled quotes undone.
    fileprivate func trimmingQuotes() -> String {
        guard hasPrefix("\""), hasSuffix("\""), count >= 2 else { return String(self) }
        return dropFirst().dropLast().split(separator: "\"\"", omittingEmptySubsequences: false).joined(separator: "\"")
    }
}

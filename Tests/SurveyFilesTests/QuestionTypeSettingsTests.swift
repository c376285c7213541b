import Testing
@testable import SurveyFiles
import Surveys

/// The settings of `multi`, `number` and `date` questions. Documents start with the four-line
/// `header`, so the first question is on line 5.
@Suite struct QuestionTypeSettingsTests {
    static let options = "    options: [{code: a, text: A}, {code: b, text: B}, {code: c, text: C}]\n"

    @Test func multiNumberAndDateMapToTheModel() throws {
        let yaml = header + """
              - id: vervoer
                type: multi
                text: Hoe reist u?
                options: [{code: fiets, text: Fiets}, {code: bus, text: Bus}, {code: auto, text: Auto}]
                min: 1
                max: 2
              - {id: alles, type: multi, text: Alles?, options: [{code: a, text: A}, {code: b, text: B}]}
              - {id: leeftijd, type: number, text: Leeftijd?, min: 0, max: 120, integer: true}
              - {id: bedrag, type: number, text: Bedrag?, min: -2.5}
              - {id: dag, type: date, text: Wanneer?, min: 2026-01-01, max: "2027-12-31"}
              - {id: ooit, type: date, text: Ooit?}

            """
        let survey = try SurveyFileLoader.parse(yaml, file: testFile)
        #expect(survey.questions.map(\.type) == [
            .multi(
                options: [Option(code: "fiets", text: "Fiets"), Option(code: "bus", text: "Bus"), Option(code: "auto", text: "Auto")],
                min: 1, max: 2),
            .multi(options: [Option(code: "a", text: "A"), Option(code: "b", text: "B")], min: nil, max: nil),
            .number(NumberRule(min: 0, max: 120, integer: true)),
            .number(NumberRule(min: -2.5, max: nil, integer: false)),
            .date(DateRule(min: "2026-01-01", max: "2027-12-31")),
            .date(DateRule()),
        ])
        #expect(survey.pages == [Page(questionIDs: ["vervoer", "alles", "leeftijd", "bedrag", "dag", "ooit"])])
    }

    @Test func multiSelectionBounds() {
        let multi = "  - id: m\n    type: multi\n    text: M\n" + Self.options
        #expect(issues(in: header + multi + "    min: 3\n    max: 2\n") == [
            issue(10, 10, "'max' (2) must not be less than 'min' (3)")
        ])
        #expect(issues(in: header + multi + "    max: 4\n") == [
            issue(9, 10, "'max' (4) is more than the 3 options of question 'm'")
        ])
        #expect(issues(in: header + multi + "    min: 4\n") == [
            issue(9, 10, "'min' (4) is more than the 3 options of question 'm'")
        ])
        #expect(issues(in: header + multi + "    min: -1\n    max: 0\n") == [
            issue(9, 10, "expected a whole number of selections (0 or more) for 'min', found -1"),
            issue(10, 10, "expected a whole number of selections (1 or more) for 'max', found 0"),
        ])
        #expect(issues(in: header + multi + "    max: twee\n") == [
            issue(9, 10, "expected a whole number of selections (1 or more) for 'max', found 'twee'")
        ])
        #expect(issues(in: header + "  - {id: m, type: multi, text: M, options: [{code: a, text: A}]}\n") == [
            issue(5, 44, "a multi question needs at least 2 options, but question 'm' has 1")
        ])
        #expect(issues(in: header + multi + "    min: 0\n    max: 3\n").isEmpty)
    }

    @Test func numberBounds() {
        let number = "  - id: n\n    type: number\n    text: N\n"
        #expect(issues(in: header + number + "    min: 10\n    max: 1.5\n") == [
            issue(9, 10, "'max' (1.5) must not be less than 'min' (10)")
        ])
        #expect(issues(in: header + number + "    min: laag\n    max: .inf\n    integer: ja\n") == [
            issue(8, 10, "expected a number for 'min', found 'laag'"),
            issue(9, 10, "expected a number for 'max', found '.inf'"),
            issue(10, 14, "expected true or false for 'integer', found 'ja'"),
        ])
        #expect(issues(in: header + number + "    options: []\n    max_length: 4\n") == [
            issue(8, 5, "'options' does not apply to a number question"),
            issue(9, 5, "'max_length' does not apply to a number question"),
        ])
    }

    @Test func dateBounds() {
        let date = "  - id: d\n    type: date\n    text: D\n"
        #expect(issues(in: header + date + "    min: 2027-01-01\n    max: 2026-12-31\n") == [
            issue(9, 10, "'max' (2026-12-31) must not be earlier than 'min' (2027-01-01)")
        ])
        #expect(issues(in: header + date + "    min: 2026-02-30\n    max: 2026-12-31T10:00\n") == [
            issue(8, 10, "'2026-02-30' is not a valid date for 'min'; write YYYY-MM-DD"),
            issue(9, 10, "'2026-12-31T10:00' is not a valid date for 'max'; write YYYY-MM-DD"),
        ])
        #expect(issues(in: header + date + "    integer: true\n") == [
            issue(8, 5, "'integer' does not apply to a date question")
        ])
    }

    @Test func supportNeedsCountableAnswers() {
        let yaml = header + """
              - {id: n, type: number, text: N, support: {supports: [1]}}
              - {id: d, type: date, text: D, support: {supports: [x]}}
              - id: m
                type: multi
                text: M
                options: [{code: a, text: A}, {code: b, text: B}]
                support: {supports: [a], opposes: [c]}

            """
        #expect(issues(in: yaml) == [
            issue(5, 36, "a support marker needs answers that can be counted: single, multi, scale or yesno"),
            issue(6, 34, "a support marker needs answers that can be counted: single, multi, scale or yesno"),
            issue(11, 40, "'c' is not an answer to question 'm' (expected one of the option codes a or b)"),
        ])
    }
}

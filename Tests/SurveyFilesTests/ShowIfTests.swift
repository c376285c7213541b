import Testing
@testable import SurveyFiles
import Surveys

/// `show_if`: syntax errors at the character, then the questions and values it names. Documents
/// start with the four-line `header` and the `earlier` questions, so the first question after
/// them is on line 22.
@Suite struct ShowIfTests {
    static let earlier = header + """
          - id: steun
            type: scale
            text: Steun?
            scale: {min: 1, max: 5}
          - id: vaak
            type: single
            text: Vaak?
            options: [{code: dagelijks, text: Dagelijks}, {code: nooit, text: Nooit}]
          - id: eens
            type: yesno
            text: Eens?
          - id: datum
            type: date
            text: Datum?
          - id: leeftijd
            type: number
            text: Leeftijd?

        """

    static func question(showIf: String) -> String {
        earlier + "  - id: later\n    type: text\n    text: Later\n    show_if: \(showIf)\n"
    }

    @Test func aValidConditionIsKeptOnTheQuestion() throws {
        let source = "steun >= 4 and vaak in [dagelijks, nooit] and not eens = nee or datum < '2027-01-01' or leeftijd > 17.5"
        let survey = try SurveyFileLoader.parse(Self.question(showIf: source), file: testFile)
        let condition = try #require(survey.question("later")?.showIf)
        #expect(condition.source == source)
        #expect(condition.expression.questionIDs == ["steun", "vaak", "eens", "datum", "leeftijd"])
        #expect(try SurveyFileLoader.parse(Self.question(showIf: "answered(steun) and unanswered(vaak)"), file: testFile)
            .question("later")?.showIf?.expression == .and(.answered(question: "steun"), .unanswered(question: "vaak")))
        // Dates may be written bare, and numbers quoted, as the evaluation reads them that way too.
        #expect(issues(in: Self.question(showIf: "datum >= 2026-06-01 or steun = '3' or leeftijd < \"18\"")).isEmpty)
    }

    @Test func aSyntaxErrorPointsAtTheCharacter() {
        func position(_ showIf: String) -> [Int] {
            let found = issues(in: Self.question(showIf: showIf))
            #expect(found.count == 1 && found.first?.message.hasPrefix("syntax error in show_if: ") == true, "\(found)")
            return found.map { [$0.line, $0.column] }.first ?? []
        }
        // `show_if: ` puts the scalar at column 14; '~' is character 6 of the expression.
        #expect(position("steun ~ 2") == [25, 20])
        #expect(position("'steun ~ 2'") == [25, 21])
        #expect(position("\"  steun ~ 2\"") == [25, 23])
        #expect(position("steun = 2 )") == [25, 24])
        // Folded and escaped text differs from what is on the line, so the scalar's start is used.
        #expect(position(">\n      steun ~ 2") == [25, 14])
        #expect(position("steun = 1 and\n      vaak ~ nooit") == [25, 14])
        #expect(position("\"steun \\u007E 2\"") == [25, 14])
    }

    @Test func aConditionInAFlowMappingIsPlacedToo() {
        let yaml = Self.earlier + "  - {id: later, type: yesno, text: L, show_if: \"eens ~ ja\"}\n"
        #expect(issues(in: yaml).map { [$0.line, $0.column] } == [[22, 54]])
    }

    @Test func onlyEarlierQuestionsThatExist() {
        let yaml = Self.earlier + """
              - id: later
                type: yesno
                text: Later
                show_if: stuen >= 4 or later = ja or laatst = ja or onbekend = 1
              - id: laatst
                type: yesno
                text: Laatst

            """
        #expect(issues(in: yaml) == [
            issue(25, 14, "show_if refers to unknown question 'stuen' (did you mean 'steun'?)"),
            issue(25, 14, "show_if of question 'later' refers to the question itself; a condition can only use earlier answers"),
            issue(25, 14, "show_if refers to question 'laatst', which comes later (line 26); a condition can only use earlier answers"),
            issue(25, 14, "show_if refers to unknown question 'onbekend'"),
        ])
    }

    @Test func valuesMustBeAnswersTheQuestionCanHave() {
        let found = issues(in: Self.question(showIf: "vaak = wekelijks or eens in [ja, yes] or steun = hoog or steun >= 7"))
        #expect(found == [
            issue(25, 14, "'wekelijks' is not an option of question 'vaak' (options: dagelijks, nooit)"),
            issue(25, 14, "'yes' is not an answer to question 'eens' (expected ja or nee)"),
            issue(25, 14, "'hoog' is not a number, but question 'steun' is a scale question"),
            issue(25, 14, "7 is outside the scale of question 'steun' (1 to 5)"),
        ])
        #expect(issues(in: Self.question(showIf: "datum > gisteren or leeftijd < oud")) == [
            issue(25, 14, "'gisteren' is not a date written as 'YYYY-MM-DD', but question 'datum' is a date question"),
            issue(25, 14, "'oud' is not a number, but question 'leeftijd' is a number question"),
        ])
    }

    @Test func orderingNeedsOrderedAnswers() {
        #expect(issues(in: Self.question(showIf: "vaak < nooit or eens >= ja")) == [
            issue(25, 14, "'<' compares order, but question 'vaak' is a single question; use = or != (ordering works on scale, number and date questions)"),
            issue(25, 14, "'>=' compares order, but question 'eens' is a yesno question; use = or != (ordering works on scale, number and date questions)"),
        ])
    }

    @Test func conditionsWorkAcrossPages() {
        let yaml = """
            id: test
            kind: enquete
            title: Test
            pages:
              - questions:
                  - {id: a, type: yesno, text: A, show_if: b = ja}
              - questions:
                  - {id: b, type: yesno, text: B}
                  - {id: c, type: yesno, text: C, show_if: a = ja}

            """
        #expect(issues(in: yaml) == [
            issue(6, 48, "show_if refers to question 'b', which comes later (line 8); a condition can only use earlier answers")
        ])
    }

    @Test func showIfMustBeText() {
        #expect(issues(in: Self.question(showIf: "[steun]")) == [
            issue(25, 14, "expected an expression over earlier answers for 'show_if', found a list")
        ])
    }
}

import Testing
@testable import Surveys

@Suite struct ExpressionEvaluationTests {
    let types: [String: QuestionType] = [
        "vaak": .single(options: [Option(code: "1", text: "Eens"), Option(code: "week", text: "Wekelijks")]),
        "vervoer": .multi(options: ["fiets", "auto", "bus"].map { Option(code: $0, text: LocalizedText(nl: $0)) }, min: nil, max: nil),
        "steun": .scale(Scale(min: 1, max: 5)),
        "bewoner": .yesno,
        "leeftijd": .number(NumberRule()),
        "naam": .text(maxLength: 100, multiline: false),
        "start": .date(DateRule()),
    ]

    func holds(_ source: String, _ answers: [String: [String]]) throws -> Bool {
        try ExpressionParser.parse(source).evaluate(Answers(answers), types: types)
    }

    @Test func singleComparesCodesAndANumberByHowItIsWritten() throws {
        #expect(try holds("vaak = week", ["vaak": ["week"]]))
        #expect(try !holds("vaak != week", ["vaak": ["week"]]))
        #expect(try holds("vaak != week", ["vaak": ["1"]]))
        #expect(try holds("vaak = 1", ["vaak": ["1"]]))
        #expect(try holds("vaak in [1, week]", ["vaak": ["week"]]))
        #expect(try !holds("vaak in [1]", ["vaak": ["week"]]))
        #expect(try !holds("vaak < week", ["vaak": ["1"]]), "ordering means nothing for options")
    }

    @Test func multiTestsMembershipOfTheSelection() throws {
        let selected = ["vervoer": ["fiets", "bus"]]
        #expect(try holds("vervoer = fiets", selected))
        #expect(try holds("vervoer = bus", selected))
        #expect(try !holds("vervoer = auto", selected))
        #expect(try holds("vervoer != auto", selected))
        #expect(try !holds("vervoer != fiets", selected))
        #expect(try holds("vervoer in [auto, bus]", selected))
        #expect(try !holds("vervoer in [auto]", selected))
        #expect(try !holds("vervoer > auto", selected))
    }

    @Test func scaleAndNumberCompareAsNumbers() throws {
        #expect(try holds("steun <= 2", ["steun": ["2"]]))
        #expect(try !holds("steun <= 2", ["steun": ["3"]]))
        #expect(try holds("steun > 2", ["steun": ["10"]]), "numerically, not as text where \"10\" < \"2\"")
        #expect(try holds("steun in [4, 5]", ["steun": ["5"]]))
        #expect(try holds("leeftijd >= 65", ["leeftijd": ["65"]]))
        #expect(try holds("leeftijd < 2.5", ["leeftijd": ["2.25"]]))
        #expect(try holds("leeftijd > -1", ["leeftijd": ["0"]]))
        #expect(try holds("leeftijd = 2.5", ["leeftijd": ["2,5"]]), "a Dutch decimal comma as typed")
        #expect(try holds("leeftijd = '12'", ["leeftijd": ["12.0"]]), "a quoted number is still a number")
        #expect(try holds("leeftijd != 12", ["leeftijd": ["13"]]))
    }

    @Test func yesnoAndTextCompareText() throws {
        #expect(try holds("bewoner = ja", ["bewoner": ["ja"]]))
        #expect(try holds("bewoner != ja", ["bewoner": ["nee"]]))
        #expect(try holds("bewoner in [ja]", ["bewoner": ["ja"]]))
        #expect(try holds("naam = 'Jan de Vries'", ["naam": ["Jan de Vries"]]))
        #expect(try !holds("naam = jan", ["naam": ["Jan"]]), "case matters")
        #expect(try !holds("naam > a", ["naam": ["b"]]))
    }

    @Test func datesCompareAsDays() throws {
        #expect(try holds("start >= 2026-01-01", ["start": ["2026-01-01"]]))
        #expect(try holds("start < 2026-01-01", ["start": ["2025-12-31"]]))
        #expect(try !holds("start > 2026-01-01", ["start": ["2025-12-31"]]))
        #expect(try holds("start = 2026-03-01", ["start": ["1-3-2026"]]), "as typed in Dutch")
        #expect(try holds("start != 2026-03-01", ["start": ["2026-03-02"]]))
        #expect(try !holds("start < 2026", ["start": ["2025-12-31"]]), "not a day: no order")
    }

    @Test(arguments: ["vaak", "vervoer", "steun", "bewoner", "leeftijd", "naam", "start"])
    func anUnansweredQuestionMakesEveryComparisonFalse(_ id: String) throws {
        for op in ComparisonOperator.allCases {
            let expression = Expression.compare(question: id, op, .text("x"))
            #expect(!expression.evaluate(Answers(), types: types), "\(id) \(op.rawValue) x")
            #expect(!Expression.compare(question: id, op, .number(1)).evaluate(Answers(), types: types))
        }
        #expect(!Expression.isIn(question: id, [.text("x"), .number(1)]).evaluate(Answers(), types: types))
        #expect(Expression.unanswered(question: id).evaluate(Answers(), types: types))
        #expect(!Expression.answered(question: id).evaluate(Answers(), types: types))
        #expect(Expression.answered(question: id).evaluate(Answers([id: ["1"]]), types: types))
        #expect(Expression.not(.compare(question: id, .notEqual, .text("x"))).evaluate(Answers(), types: types))
    }

    @Test func andOrNotCombine() throws {
        let answers = ["steun": ["2"], "bewoner": ["nee"]]
        #expect(try holds("steun <= 2 and bewoner = nee", answers))
        #expect(try !holds("steun <= 2 and not bewoner = nee", answers))
        #expect(try holds("steun > 3 or bewoner = nee", answers))
        #expect(try !holds("steun > 3 or unanswered(bewoner)", answers))
        #expect(try holds("(steun > 3 or bewoner = nee) and answered(steun)", answers))
    }

    @Test func aQuestionOfUnknownTypeIsComparedAsText() {
        #expect(Expression.compare(question: "x", .equal, .text("a")).evaluate(Answers(["x": ["a"]]), types: [:]))
        #expect(!Expression.compare(question: "x", .less, .text("b")).evaluate(Answers(["x": ["a"]]), types: [:]))
    }
}

@Suite struct VisibilityTests {
    /// q1 → q2 shown when q1 = ja; q3 shown when q2 is answered; q4 shown when q2 is unanswered.
    let definition = SurveyDefinition(
        id: "v", kind: .enquete, title: "V",
        questions: [
            Question(id: "q1", text: "1", type: .yesno),
            Question(id: "q2", text: "2", type: .scale(Scale(min: 1, max: 5)), showIf: try? Condition(parsing: "q1 = ja")),
            Question(id: "q3", text: "3", type: .text(maxLength: 10, multiline: false), showIf: try? Condition(parsing: "q2 >= 3")),
            Question(id: "q4", text: "4", type: .text(maxLength: 10, multiline: false), showIf: try? Condition(parsing: "unanswered(q2)")),
        ])

    @Test func everyQuestionIsVisibleWhenItsConditionHolds() {
        #expect(definition.visibleQuestionIDs(given: Answers(["q1": ["ja"], "q2": ["4"]])) == ["q1", "q2", "q3"])
    }

    @Test func aQuestionDependingOnAHiddenOneIsJudgedAsIfThatWasUnanswered() {
        // q2 has an answer, but q1 = nee hides q2, so q2's answer does not count: q3 hidden, q4 shown.
        #expect(definition.visibleQuestionIDs(given: Answers(["q1": ["nee"], "q2": ["4"]])) == ["q1", "q4"])
        #expect(definition.visibleQuestionIDs(given: Answers()) == ["q1", "q4"])
    }

    @Test func aConditionOnALaterQuestionSeesNoAnswer() {
        let odd = SurveyDefinition(
            id: "o", kind: .poll, title: "O",
            questions: [
                Question(id: "a", text: "a", type: .yesno, showIf: try? Condition(parsing: "answered(b)")),
                Question(id: "b", text: "b", type: .yesno),
            ])
        #expect(odd.visibleQuestionIDs(given: Answers(["b": ["ja"]])) == ["b"])
    }
}

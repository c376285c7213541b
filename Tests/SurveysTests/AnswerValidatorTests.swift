import Foundation
import Testing
@testable import Surveys

@Suite struct AnswerValidatorTests {
    let definition = SurveyDefinition(
        id: "test", kind: .buurttoetsing, title: "Test",
        questions: [
            Question(id: "steun", text: "Steunt u het?", type: .scale(Scale(min: 1, max: 5)), required: true,
                     support: SupportRule(supports: ["4", "5"], opposes: ["1", "2"])),
            Question(id: "vaak", text: "Hoe vaak?", type: .single(options: [
                Option(code: "dag", text: "Dagelijks"), Option(code: "nooit", text: "Nooit"),
            ])),
            Question(id: "akkoord", text: "Akkoord?", type: .yesno, required: true),
            Question(id: "waarom", text: "Waarom?", type: .text(maxLength: 10, multiline: true)),
        ])

    func validate(_ fields: FormFields) -> AnswerValidator.Outcome {
        AnswerValidator(definition: definition).validate(fields)
    }

    @Test func validAnswersAreKeptAsStoredValues() {
        guard case .valid(let answers) = validate(["steun": ["4"], "vaak": ["dag"], "akkoord": ["ja"], "waarom": ["  kort  "], "other": ["x"]]) else {
            Issue.record("expected valid")
            return
        }
        #expect(answers.values == ["steun": ["4"], "vaak": ["dag"], "akkoord": ["ja"], "waarom": ["kort"]])
    }

    @Test func optionalQuestionsMayStayEmpty() {
        guard case .valid(let answers) = validate(["steun": ["1"], "akkoord": ["nee"], "waarom": ["   "]]) else {
            Issue.record("expected valid")
            return
        }
        #expect(answers["waarom"] == nil)
    }

    @Test func everyProblemIsReportedInQuestionOrderWithWhatWasEntered() {
        guard case .invalid(let errors, let entered) = validate(["steun": ["6"], "vaak": ["soms"], "waarom": ["veel te lang antwoord"]]) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["steun", "vaak", "akkoord", "waarom"])
        #expect(errors[0].message.nl.contains("1 tot en met 5"))
        #expect(errors[2].message.nl.contains("verplicht"))
        #expect(errors[3].message.nl.contains("21 tekens"))
        #expect(entered["waarom"] == ["veel te lang antwoord"])
        #expect(entered["akkoord"] == nil)
    }

    @Test func twoValuesForOneChoiceAreRefused() {
        guard case .invalid(let errors, _) = validate(["steun": ["4", "5"], "akkoord": ["ja"]]) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["steun"])
    }

    @Test func textLengthCountsCharactersNotBytes() {
        guard case .valid = validate(["steun": ["3"], "akkoord": ["ja"], "waarom": ["éééééééééé"]]) else {
            Issue.record("ten accented characters fit a limit of ten")
            return
        }
    }

    @Test func windowsLineEndingsCountAsOne() {
        guard case .valid(let answers) = validate(["steun": ["3"], "akkoord": ["ja"], "waarom": ["a\r\nb\r\nc"]]) else {
            Issue.record("expected valid")
            return
        }
        #expect(answers["waarom"] == ["a\nb\nc"])
    }
}

@Suite struct SurveyDefinitionTests {
    @Test func openAndCloseFollowAmsterdamTime() throws {
        var definition = SurveyDefinition(id: "x", kind: .poll, title: "X", questions: [])
        definition.opens = LocalDateTime(parsing: "2026-12-01")
        definition.closes = LocalDateTime(parsing: "2026-12-21T23:59")
        let utc = ISO8601DateFormatter()
        // 1 December 00:00 in Amsterdam (CET, UTC+1) is 30 November 23:00 UTC.
        #expect(!definition.isOpen(at: utc.date(from: "2026-11-30T22:59:59Z")!))
        #expect(definition.isOpen(at: utc.date(from: "2026-11-30T23:00:00Z")!))
        #expect(definition.isOpen(at: utc.date(from: "2026-12-21T22:59:30Z")!))
        #expect(!definition.isOpen(at: utc.date(from: "2026-12-21T23:00:00Z")!))
        // The window worked out once says the same, and tells "not yet" from "no longer".
        let window = definition.window
        #expect(window.opensAt == utc.date(from: "2026-11-30T23:00:00Z"))
        #expect(window.closesAt == utc.date(from: "2026-12-21T23:00:00Z"))
        #expect(window.isAhead(of: utc.date(from: "2026-11-30T22:59:59Z")!))
        #expect(!window.isAhead(of: utc.date(from: "2026-12-21T23:00:00Z")!) && !window.contains(utc.date(from: "2026-12-21T23:00:00Z")!))
    }

    @Test func dateOnlyCloseMeansTheEndOfThatDayInSummerTime() throws {
        var definition = SurveyDefinition(id: "x", kind: .poll, title: "X", questions: [])
        definition.closes = LocalDateTime(parsing: "2026-07-01")
        let utc = ISO8601DateFormatter()
        // CEST is UTC+2: the day ends at 21:59:59 UTC.
        #expect(definition.isOpen(at: utc.date(from: "2026-07-01T21:59:59Z")!))
        #expect(!definition.isOpen(at: utc.date(from: "2026-07-01T22:00:00Z")!))
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "26-01-01", "2026-01-01T24:00", "2026-01-01T12", "gisteren"])
    func impossibleDatesDoNotParse(_ text: String) {
        #expect(LocalDateTime(parsing: text) == nil)
    }

    @Test func canonicalJSONIsStableAndChangesWithWording() {
        let a = SurveyDefinition(id: "x", kind: .poll, title: "X", questions: [
            Question(id: "q", text: "Vraag", type: .scale(Scale(min: 1, max: 5, labels: [5: "Eens", 1: "Oneens", 3: "Neutraal"]))),
        ])
        var b = a
        #expect(a.canonicalJSON() == b.canonicalJSON())
        b.questions[0].text = "Vraag?"
        #expect(a.canonicalJSON() != b.canonicalJSON())
        let decoded = try? JSONDecoder().decode(SurveyDefinition.self, from: Data(a.canonicalJSON()))
        #expect(decoded == a)
    }
}

import Testing
@testable import SurveyFiles
import Surveys

/// Problems inside questions. Every document starts with the four-line `header`, so the first
/// question is on line 5.
@Suite struct QuestionErrorTests {
    @Test func missingRequiredKeysPointAtTheQuestion() {
        let yaml = header + """
              - id: steun
                type: yesno
              - {type: yesno, text: Vraag}
              - {id: zonder_type, text: Vraag}

            """
        #expect(issues(in: yaml) == [
            issue(5, 5, "question 'steun' has no 'text'"),
            issue(7, 5, "question 2 has no 'id'"),
            issue(8, 5, "question 'zonder_type' has no 'type'"),
        ])
    }

    @Test func duplicateQuestionIDsNameTheFirstLine() {
        let yaml = header + """
              - id: a
                type: yesno
                text: A
              - id: a
                type: yesno
                text: B

            """
        #expect(issues(in: yaml) == [issue(8, 9, "question id 'a' is already used on line 5")])
    }

    @Test func questionIDMustBeASlug() {
        #expect(issues(in: header + "  - id: Steun\n    type: yesno\n    text: A\n") == [
            issue(5, 9, "question id 'Steun' must start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'")
        ])
    }

    @Test func unknownKeyInAQuestion() {
        #expect(issues(in: header + "  - id: q\n    type: yesno\n    text: A\n    requird: true\n") == [
            issue(8, 5, "unknown key 'requird' in question 'q' (did you mean 'required'?)")
        ])
    }

    @Test func unknownTypes() {
        let yaml = header + "  - {id: a, type: singel, text: A}\n  - {id: b, type: open, text: B}\n"
        #expect(issues(in: yaml) == [
            issue(5, 19, "unknown question type 'singel' (did you mean 'single'?)"),
            issue(6, 19, "unknown question type 'open' (expected single, multi, scale, yesno, number, text or date)"),
        ])
    }

    @Test func requiredMustBeABoolean() {
        #expect(issues(in: header + "  - id: a\n    type: yesno\n    text: A\n    required: ja\n") == [
            issue(8, 15, "expected true or false for 'required', found 'ja'")
        ])
    }

    @Test func keysOfOtherTypesDoNotApply() {
        let yaml = header + """
              - id: a
                type: yesno
                text: A
                options: []
                max_length: 10

            """
        #expect(issues(in: yaml) == [
            issue(8, 5, "'options' does not apply to a yesno question"),
            issue(9, 5, "'max_length' does not apply to a yesno question"),
        ])
    }

    @Test func singleOptionProblems() {
        let yaml = header + """
              - id: vaak
                type: single
                text: Hoe vaak?
                options:
                  - dagelijks
                  - {code: Week, text: Wekelijks}
                  - {code: nooit, text: Nooit}
                  - {code: nooit, text: Nooit echt}
                  - {text: Zonder code}

            """
        #expect(issues(in: yaml) == [
            issue(9, 9, "option 'dagelijks' of question 'vaak' must be written as {code: …, text: …} so answers keep their meaning when the text is reworded"),
            issue(10, 16, "option code 'Week' must start with a lowercase letter or digit and contain only lowercase letters, digits, '_' and '-'"),
            issue(12, 16, "option code 'nooit' is already used in question 'vaak' on line 11"),
            issue(13, 9, "option 5 of question 'vaak' has no 'code'"),
        ])
    }

    @Test func singleNeedsTwoOptions() {
        #expect(issues(in: header + "  - id: q\n    type: single\n    text: Q\n    options: [{code: a, text: A}]\n") == [
            issue(8, 14, "a single question needs at least 2 options, but question 'q' has 1")
        ])
        #expect(issues(in: header + "  - id: q\n    type: single\n    text: Q\n") == [
            issue(5, 5, "question 'q' has no 'options'")
        ])
    }

    @Test func scaleProblems() {
        let yaml = header + """
              - id: a
                type: scale
                text: A
                scale: {min: 5, max: 1}
              - id: b
                type: scale
                text: B
                scale: {min: 0, max: 20}
              - id: c
                type: scale
                text: C
                scale: {min: 1, max: 5, labels: {0: Nul, x: Iks, 5: Vijf}}
              - id: d
                type: scale
                text: D
                scale: {min: 1, maxi: 5}

            """
        #expect(issues(in: yaml) == [
            issue(8, 26, "the scale's max (1) must be greater than its min (5)"),
            issue(12, 26, "a scale has at most 11 points, but 0 to 20 has 21"),
            issue(16, 38, "scale label 0 is outside the scale 1 to 5"),
            issue(16, 46, "expected a scale point (a whole number) as label key, found 'x'"),
            issue(20, 12, "the scale of question 'd' has no 'max'"),
            issue(20, 21, "unknown key 'maxi' in the scale of question 'd' (did you mean 'max'?)"),
        ])
    }

    @Test func textLimits() {
        let yaml = header + """
              - id: a
                type: text
                text: A
                max_length: 0
                multiline: misschien
              - id: b
                type: text
                text: B
                max_length: lang

            """
        #expect(issues(in: yaml) == [
            issue(8, 17, "expected a whole number from 1 to 10000 for 'max_length', found 0"),
            issue(9, 16, "expected true or false for 'multiline', found 'misschien'"),
            issue(13, 17, "expected a whole number from 1 to 10000 for 'max_length', found 'lang'"),
        ])
    }
}

import Testing
@testable import Surveys

/// Two pages: (leeftijd, auto, parkeren if auto = ja) and (steun, waarom if steun <= 2, bankje if
/// leeftijd >= 65).
@Suite struct PageValidationTests {
    let definition = SurveyDefinition(
        id: "p", kind: .enquete, title: "P",
        questions: [
            Question(id: "leeftijd", text: "Leeftijd", type: .number(NumberRule(min: 18, max: 110, integer: true)), required: true),
            Question(id: "auto", text: "Auto?", type: .yesno),
            Question(id: "parkeren", text: "Parkeren?", type: .yesno, required: true, showIf: try? Condition(parsing: "auto = ja")),
            Question(id: "steun", text: "Steun", type: .scale(Scale(min: 1, max: 5)), required: true),
            Question(id: "waarom", text: "Waarom?", type: .text(maxLength: 50, multiline: true), required: true,
                     showIf: try? Condition(parsing: "steun <= 2")),
            Question(id: "bankje", text: "Bankje?", type: .yesno, showIf: try? Condition(parsing: "leeftijd >= 65")),
        ],
        pages: [
            Page(questionIDs: ["leeftijd", "auto", "parkeren"]),
            Page(questionIDs: ["steun", "waarom", "bankje"]),
        ])

    var validator: AnswerValidator { AnswerValidator(definition: definition) }

    @Test func aHiddenRequiredQuestionIsNotRequired() {
        guard case .valid(let answers) = validator.validate(["leeftijd": ["40"], "auto": ["nee"], "steun": ["4"]]) else {
            Issue.record("parkeren and waarom are hidden, so not required")
            return
        }
        #expect(answers.values == ["leeftijd": ["40"], "auto": ["nee"], "steun": ["4"]])
    }

    @Test func aShownRequiredQuestionIsRequired() {
        guard case .invalid(let errors, _) = validator.validate(["leeftijd": ["40"], "auto": ["ja"], "steun": ["2"]]) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["parkeren", "waarom"])
    }

    @Test func whatIsSentForAHiddenQuestionIsDropped() {
        let fields: FormFields = ["leeftijd": ["40"], "auto": ["nee"], "parkeren": ["ja"], "steun": ["4"], "waarom": ["omdat"], "bankje": ["ja"]]
        guard case .valid(let answers) = validator.validate(fields) else {
            Issue.record("expected valid")
            return
        }
        #expect(answers["parkeren"] == nil && answers["waarom"] == nil && answers["bankje"] == nil)
    }

    @Test func anInvalidValueForAHiddenQuestionIsNoError() {
        guard case .valid = validator.validate(["leeftijd": ["40"], "auto": ["nee"], "parkeren": ["misschien"], "steun": ["4"]]) else {
            Issue.record("the hidden question's value is dropped, not checked")
            return
        }
    }

    @Test func conditionsSeeTheCanonicalValue() {
        guard case .valid(let answers) = validator.validate(["leeftijd": [" 65,0 "], "auto": ["nee"], "steun": ["4"], "bankje": ["ja"]]) else {
            Issue.record("expected valid")
            return
        }
        #expect(answers["leeftijd"] == ["65"] && answers["bankje"] == ["ja"])
    }

    @Test func conditionsSeeWhatWasEnteredEvenWhenItIsRefused() {
        // leeftijd 200 is refused, but the respondent sees it in the form, so bankje (leeftijd >= 65)
        // is shown and checked too: every problem is reported at once.
        guard case .invalid(let errors, let entered) = validator.validate(["leeftijd": ["200"], "steun": ["4"], "bankje": ["?"]]) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["leeftijd", "bankje"])
        #expect(entered["leeftijd"] == ["200"] && entered["bankje"] == ["?"])
    }

    @Test func tooManySelectionsStillShowTheQuestionsTheyLeadTo() {
        let options = ["fiets", "auto", "bus"].map { Option(code: $0, text: LocalizedText(nl: $0)) }
        let definition = SurveyDefinition(
            id: "m", kind: .enquete, title: "M",
            questions: [
                Question(id: "vervoer", text: "Hoe?", type: .multi(options: options, min: nil, max: 2)),
                Question(id: "parkeren", text: "Parkeren?", type: .yesno, required: true, showIf: try? Condition(parsing: "vervoer = auto")),
            ])
        guard case .invalid(let errors, _) = AnswerValidator(definition: definition).validate(["vervoer": ["fiets", "auto", "bus"]], page: 0) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["vervoer", "parkeren"])
    }

    @Test func aPageChecksOnlyItsOwnQuestionsAndReturnsOnlyThem() {
        // Page 2 carries page 1's answers as hidden fields; the missing answer to steun is not page 1's business.
        guard case .valid(let answers) = validator.validate(["leeftijd": ["70"], "auto": ["nee"]], page: 0) else {
            Issue.record("expected valid")
            return
        }
        #expect(answers.values == ["leeftijd": ["70"], "auto": ["nee"]])

        guard case .valid(let second) = validator.validate(["leeftijd": ["70"], "auto": ["nee"], "steun": ["5"], "bankje": ["nee"]], page: 1) else {
            Issue.record("expected valid")
            return
        }
        #expect(second.values == ["steun": ["5"], "bankje": ["nee"]], "bankje is visible because of leeftijd on page 1")
    }

    @Test func aPageSeesConditionsOnEarlierPagesAndKeepsEverythingEntered() {
        let fields: FormFields = ["leeftijd": ["40"], "auto": ["ja"], "parkeren": ["ja"], "steun": ["1"], "bankje": ["ja"], "_page": ["1"]]
        guard case .invalid(let errors, let entered) = validator.validate(fields, page: 1) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["waarom"])
        #expect(entered.values == ["leeftijd": ["40"], "auto": ["ja"], "parkeren": ["ja"], "steun": ["1"], "bankje": ["ja"]])
    }

    @Test func errorsOnOtherPagesAreNotThisPagesBusiness() {
        guard case .invalid(let errors, let entered) = validator.validate(["leeftijd": ["abc"], "steun": ["9"]], page: 1) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["steun"])
        #expect(entered["leeftijd"] == ["abc"])
    }

    @Test func theFinalSubmitReportsEveryPageInQuestionOrder() {
        guard case .invalid(let errors, let entered) = validator.validate(["leeftijd": ["17,5"], "auto": ["ja"], "steun": ["2"]], page: nil) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.map(\.questionID) == ["leeftijd", "parkeren", "waarom"])
        #expect(entered["leeftijd"] == ["17,5"], "refused input is kept as typed")
    }

    @Test func enteredHoldsTheStoredFormOfAcceptedInput() {
        guard case .invalid(_, let entered) = validator.validate(["leeftijd": ["70,0"], "auto": ["ja"], "steun": ["9"]]) else {
            Issue.record("expected invalid")
            return
        }
        #expect(entered["leeftijd"] == ["70"])
    }

    @Test func aPageThatDoesNotExistChecksNothing() {
        guard case .valid(let answers) = validator.validate(["leeftijd": ["40"]], page: 7) else {
            Issue.record("expected valid")
            return
        }
        #expect(answers.isEmpty)
    }
}

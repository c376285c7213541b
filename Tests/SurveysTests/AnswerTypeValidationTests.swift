import Testing
@testable import Surveys

/// One question of a given type, validated on its own.
private func outcome(_ type: QuestionType, _ values: [String], required: Bool = false) -> AnswerValidator.Outcome {
    let definition = SurveyDefinition(
        id: "t", kind: .enquete, title: "T", questions: [Question(id: "q", text: "Q", type: type, required: required)])
    return AnswerValidator(definition: definition).validate(["q": values])
}

/// The stored values, or nil when refused.
private func stored(_ type: QuestionType, _ values: [String]) -> [String]? {
    guard case .valid(let answers) = outcome(type, values) else { return nil }
    return answers["q"] ?? []
}

/// The message when refused, or nil when accepted.
private func refusal(_ type: QuestionType, _ values: [String], required: Bool = false) -> LocalizedText? {
    guard case .invalid(let errors, _) = outcome(type, values, required: required) else { return nil }
    return errors.first?.message
}

@Suite struct NumberValidationTests {
    let plain = QuestionType.number(NumberRule())

    @Test(arguments: [
        ("12", "12"), ("-3", "-3"), ("2.5", "2.5"), ("2,5", "2.5"), ("  7 ", "7"), ("12.0", "12"), ("12,50", "12.5"),
        ("007", "7"), ("-0", "0"), ("0.05", "0.05"), ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func acceptedNumbersAreStoredCanonically(_ typed: String, _ canonical: String) {
        #expect(stored(plain, [typed]) == [canonical])
    }

    @Test(arguments: ["1e5", "12abc", "abc", "NaN", "nan", "inf", "+3", "1.000,5", ".5", "5.", "1 000", "--1", "0x10", "١٢", "1234567890123456789012345678901"])
    func otherTextIsNotANumber(_ typed: String) {
        #expect(refusal(plain, [typed]) == LocalizedText(nl: "Vul een getal in, bijvoorbeeld 12.", en: "Enter a number, for example 12."))
    }

    @Test func emptyIsNoAnswerAndRequiredSaysSo() {
        #expect(stored(plain, ["", "  "]) == [])
        #expect(refusal(plain, [""], required: true)?.nl == "Beantwoord deze vraag; zij is verplicht.")
    }

    @Test func integerRuleRefusesFractions() {
        let whole = QuestionType.number(NumberRule(integer: true))
        #expect(refusal(whole, ["2.5"]) == LocalizedText(nl: "Vul een heel getal in.", en: "Enter a whole number."))
        #expect(stored(whole, ["3,0"]) == ["3"])
    }

    @Test func boundsAreInclusiveAndNamedInTheMessage() {
        let age = QuestionType.number(NumberRule(min: 0, max: 120))
        #expect(stored(age, ["0"]) == ["0"])
        #expect(stored(age, ["120"]) == ["120"])
        #expect(refusal(age, ["121"]) == LocalizedText(nl: "Vul een getal in van 0 tot en met 120.", en: "Enter a number from 0 to 120."))
        #expect(refusal(age, ["-1"])?.nl == "Vul een getal in van 0 tot en met 120.")
        #expect(refusal(.number(NumberRule(min: 0.5)), ["0,4"])?.nl == "Vul een getal in van ten minste 0,5.")
        #expect(refusal(.number(NumberRule(max: 10)), ["11"]) == LocalizedText(nl: "Vul een getal in van hoogstens 10.", en: "Enter a number of at most 10."))
        #expect(refusal(.number(NumberRule(min: 18, max: 110, integer: true)), ["17,5"])?.nl == "Vul een heel getal in van 18 tot en met 110.")
    }

    @Test func theExampleInTheMessageIsAllowed() {
        #expect(refusal(.number(NumberRule(min: 18, max: 110)), ["x"])?.nl == "Vul een getal in, bijvoorbeeld 18.")
        #expect(refusal(.number(NumberRule(max: 5)), ["x"])?.nl == "Vul een getal in, bijvoorbeeld 5.")
    }

    @Test func twoNumbersAreOneTooMany() {
        #expect(refusal(plain, ["1", "2"]) == LocalizedText(nl: "Geef één antwoord.", en: "Give one answer."))
        #expect(stored(plain, ["1", "1"]) == ["1"], "a repeated value is one value")
    }
}

@Suite struct DateValidationTests {
    let plain = QuestionType.date(DateRule())
    let in2026 = QuestionType.date(DateRule(min: "2026-01-01", max: "2026-12-31"))

    @Test(arguments: [
        ("2026-12-31", "2026-12-31"), ("31-12-2026", "2026-12-31"), ("1-3-2027", "2027-03-01"), ("01-03-2027", "2027-03-01"),
        ("29-2-2028", "2028-02-29"), ("2000-02-29", "2000-02-29"), (" 5/6/2026 ", "2026-06-05"), ("5.6.2026", "2026-06-05"),
    ])
    func acceptedDatesAreStoredAsISO(_ typed: String, _ iso: String) {
        #expect(stored(plain, [typed]) == [iso])
    }

    @Test(arguments: ["2026-02-29", "1900-02-29", "31-4-2026", "2026-13-01", "2026-1-5", "26-01-01", "0-1-2026", "morgen", "2026/01/01", "31-12-26", "2026-01-01T10:00", "１-１-２０２６"])
    func impossibleOrUnreadableDatesAreRefused(_ typed: String) {
        #expect(refusal(plain, [typed]) == LocalizedText(nl: "Vul een bestaande datum in, bijvoorbeeld 31-12-2026.", en: "Enter an existing date, for example 31-12-2026."))
    }

    @Test func boundsAreInclusiveAndWrittenInDutch() {
        #expect(stored(in2026, ["1-1-2026"]) == ["2026-01-01"])
        #expect(stored(in2026, ["31-12-2026"]) == ["2026-12-31"])
        #expect(refusal(in2026, ["31-12-2025"]) == LocalizedText(
            nl: "Kies een datum van 1 januari 2026 tot en met 31 december 2026.", en: "Choose a date from 1 January 2026 to 31 December 2026."))
        #expect(refusal(.date(DateRule(min: "2026-01-01")), ["2025-12-31"])?.nl == "Kies een datum vanaf 1 januari 2026.")
        #expect(refusal(.date(DateRule(max: "2026-03-05")), ["2026-03-06"])?.nl == "Kies een datum tot en met 5 maart 2026.")
    }
}

@Suite struct MultiValidationTests {
    let options = ["fiets", "auto", "bus", "trein"].map { Option(code: $0, text: LocalizedText(nl: $0)) }

    @Test func selectionsAreStoredInOptionOrderWithoutRepeats() {
        #expect(stored(.multi(options: options, min: nil, max: nil), ["bus", "fiets", "bus"]) == ["fiets", "bus"])
    }

    @Test func unknownCodesAreRefused() {
        #expect(refusal(.multi(options: options, min: nil, max: nil), ["fiets", "boot"]) == LocalizedText(
            nl: "Kies alleen uit de genoemde antwoorden.", en: "Choose only from the listed answers."))
    }

    @Test func minimumAndMaximumSelections() {
        let bounded = QuestionType.multi(options: options, min: 2, max: 3)
        #expect(refusal(bounded, ["fiets"]) == LocalizedText(nl: "Kies er ten minste 2.", en: "Choose at least 2."))
        #expect(refusal(bounded, ["fiets", "auto", "bus", "trein"]) == LocalizedText(nl: "Kies er hoogstens 3.", en: "Choose at most 3."))
        #expect(stored(bounded, ["fiets", "auto"]) == ["fiets", "auto"])
        #expect(stored(bounded, ["fiets", "fiets"]) == nil, "a repeat does not count twice")
    }

    @Test func noSelectionIsNoAnswerUnlessRequired() {
        #expect(stored(.multi(options: options, min: 2, max: nil), []) == [], "the minimum applies to an answer given")
        #expect(refusal(.multi(options: options, min: nil, max: nil), [], required: true)?.nl == "Beantwoord deze vraag; zij is verplicht.")
    }
}

@Suite struct ChoiceValidationTests {
    @Test func singleTakesOneListedCode() {
        let single = QuestionType.single(options: [Option(code: "a", text: "A"), Option(code: "b", text: "B")])
        #expect(stored(single, ["b"]) == ["b"])
        #expect(refusal(single, ["c"])?.nl == "Kies een van de genoemde antwoorden.")
        #expect(refusal(single, ["a", "b"]) == LocalizedText(nl: "Kies één antwoord.", en: "Choose one answer."))
    }

    @Test func yesnoTakesJaOrNee() {
        #expect(stored(.yesno, ["nee"]) == ["nee"])
        #expect(refusal(.yesno, ["Ja"])?.nl == "Kies een van de genoemde antwoorden.")
    }

    @Test func scaleTakesAPointOnIt() {
        let scale = QuestionType.scale(Scale(min: 0, max: 10))
        #expect(stored(scale, ["10"]) == ["10"])
        #expect(refusal(scale, ["11"]) == LocalizedText(nl: "Kies een waarde van 0 tot en met 10.", en: "Choose a value from 0 to 10."))
        #expect(refusal(scale, ["5.0"]) != nil, "a scale point is sent as the browser was given it")
    }

    @Test func textIsTrimmedAndBounded() {
        let text = QuestionType.text(maxLength: 5, multiline: true)
        #expect(stored(text, ["\r\n a\rb \n"]) == ["a\nb"])
        #expect(refusal(text, ["zeslet"])?.nl == "Uw antwoord is 6 tekens lang; het mag hoogstens 5 tekens zijn.")
        #expect(refusal(text, ["a", "b"])?.nl == "Geef één antwoord.")
    }
}

import Testing
@testable import Surveys

/// Random answers to random valid surveys either validate or produce field-level errors; nothing
/// crashes, nothing hidden or invalid reaches the answers to store.
@Suite struct AnswerValidatorPropertyTests {
    @Test func randomAnswersToRandomSurveysValidateOrGiveFieldErrors() {
        var random = RandomSurveys(rng: SplitMix64(seed: 0xD4AA_6F1A))
        var outcomes = (valid: 0, invalid: 0)
        for index in 0..<300 {
            let (definition, conditions) = random.survey(index)
            for (source, expected) in conditions {
                #expect((try? ExpressionParser.parse(source)) == expected, "\(source)")
            }
            let validator = AnswerValidator(definition: definition)
            for _ in 0..<20 {
                let fields = random.fields(for: definition)
                let page: Int? = random.rng.chance(0.5) ? nil : random.rng.int(0...definition.pages.count)
                switch validator.validate(fields, page: page) {
                case .valid(let answers):
                    outcomes.valid += 1
                    check(answers, of: definition, page: page, fields: fields)
                case .invalid(let errors, let entered):
                    outcomes.invalid += 1
                    check(errors, entered: entered, of: definition, page: page, fields: fields)
                }
            }
        }
        // Both outcomes must actually be exercised for the property to mean anything.
        #expect(outcomes.valid > 500 && outcomes.invalid > 500, "\(outcomes)")
    }

    func check(_ answers: Answers, of definition: SurveyDefinition, page: Int?, fields: FormFields) {
        for (id, values) in answers.values {
            guard let question = definition.question(id) else {
                Issue.record("answer to unknown question \(id) from \(fields)")
                continue
            }
            #expect(isAllowed(values, for: question.type), "\(values) for \(question.type) from \(fields)")
        }
        let validator = AnswerValidator(definition: definition)
        if let page {
            // A page's answers are what the whole form would store for that page's questions.
            let onPage = definition.pages.indices.contains(page) ? Set(definition.pages[page].questionIDs) : []
            #expect(answers.values.keys.allSatisfy(onPage.contains), "answers off page \(page): \(answers.values)")
            if case .valid(let all) = validator.validate(fields) {
                #expect(answers.values == all.values.filter { onPage.contains($0.key) }, "page \(page) of \(fields)")
            }
            return
        }
        let visible = definition.visibleQuestionIDs(given: answers)
        for id in answers.values.keys {
            #expect(visible.contains(id), "hidden \(id) stored from \(fields)")
        }
        for question in definition.questions where question.required && visible.contains(question.id) {
            #expect(answers[question.id] != nil, "required \(question.id) missing from \(fields)")
        }
        // Stored answers are a fixed point: validating them again gives them back.
        guard case .valid(let again) = validator.validate(answers.values) else {
            Issue.record("stored answers \(answers.values) do not validate again")
            return
        }
        #expect(again == answers)
    }

    func check(_ errors: [AnswerError], entered: Answers, of definition: SurveyDefinition, page: Int?, fields: FormFields) {
        let order = Dictionary(definition.questions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let ids = errors.map(\.questionID)
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { order[$0] != nil }, "\(ids)")
        #expect(Set(ids).count == ids.count, "one error per question: \(ids)")
        #expect(ids.compactMap { order[$0] } == ids.compactMap { order[$0] }.sorted(), "in question order: \(ids)")
        if let page {
            let onPage = definition.pages.indices.contains(page) ? Set(definition.pages[page].questionIDs) : []
            #expect(ids.allSatisfy(onPage.contains), "\(ids) on page \(page)")
        }
        for error in errors {
            #expect(!error.message.nl.isEmpty && !(error.message.en ?? "").isEmpty)
        }
        #expect(entered.values.keys.allSatisfy { order[$0] != nil }, "entered only holds questions")
    }

    func isAllowed(_ values: [String], for type: QuestionType) -> Bool {
        guard !values.isEmpty else { return false }
        switch type {
        case .multi(let options, let min, let max):
            let codes = options.map(\.code)
            return values.allSatisfy(codes.contains) && Set(values).count == values.count
                && values.count >= (min ?? 0) && values.count <= (max ?? Int.max)
        case .single, .scale, .yesno:
            return values.count == 1 && (type.allowedValues ?? []).contains(values[0])
        case .number(let rule):
            guard values.count == 1, let number = DecimalText(values[0], allowComma: false), number.canonical == values[0] else { return false }
            return (rule.min.map { number.value >= $0 } ?? true) && (rule.max.map { number.value <= $0 } ?? true)
                && (!rule.integer || number.isWhole)
        case .date(let rule):
            guard values.count == 1, let day = CalendarDay(iso: values[0]) else { return false }
            return (rule.min.map { day.iso >= $0 } ?? true) && (rule.max.map { day.iso <= $0 } ?? true)
        case .text(let maxLength, _):
            let value = values[0]
            return values.count == 1 && !value.isEmpty && value.count <= maxLength && !value.unicodeScalars.contains("\r")
                && value.first.map { !$0.isWhitespace } == true && value.last.map { !$0.isWhitespace } == true
        }
    }
}

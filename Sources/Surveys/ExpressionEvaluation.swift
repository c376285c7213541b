extension Expression {
    /// Whether the condition holds for `answers`, where `types` gives the type of each question
    /// referred to (a question missing from `types` is compared as text).
    ///
    /// - An **unanswered** question (no stored values; pass only visible questions' answers, so a
    ///   hidden one counts as unanswered) makes every comparison and `in` on it false, `!=` included:
    ///   a condition about an answer holds only when there is an answer. `unanswered(q)` is true and
    ///   `answered(q)` false for it.
    /// - **single, yesno, text**: `=` and `!=` compare the answer with the value's text; a number
    ///   value compares by how it is written, so `vaak = 1` matches the code `1`. `in` holds when the
    ///   answer is one of the values.
    /// - **multi**: `q = x` holds when `x` is among the selected codes, `q != x` when it is not;
    ///   `q in [a, b]` when any selected code is in the list.
    /// - **scale, number**: compared as numbers (a stored `2,5` as typed counts as 2.5); when either
    ///   side is not a number, `=` and `!=` compare the text and ordering is false.
    /// - **date**: compared as days (a typed `31-12-2026` counts as `2026-12-31`); when either side
    ///   is not a date, `=` and `!=` compare the text and ordering is false.
    /// - `<`, `<=`, `>`, `>=` on single, multi, yesno and text are false; survey files cannot say
    ///   that, because the loader refuses them.
    ///
    /// The same semantics are implemented in `Resources/static/show-if.js` for showing questions
    /// while the respondent answers; the server's evaluation decides.
    public func evaluate(_ answers: Answers, types: [String: QuestionType]) -> Bool {
        evaluate(types: types) { answers[$0] }
    }

    func evaluate(types: [String: QuestionType], answer: (String) -> [String]?) -> Bool {
        switch self {
        case .answered(let id): return !(answer(id) ?? []).isEmpty
        case .unanswered(let id): return (answer(id) ?? []).isEmpty
        case .not(let inner): return !inner.evaluate(types: types, answer: answer)
        case .and(let a, let b): return a.evaluate(types: types, answer: answer) && b.evaluate(types: types, answer: answer)
        case .or(let a, let b): return a.evaluate(types: types, answer: answer) || b.evaluate(types: types, answer: answer)
        case .compare(let id, let op, let literal):
            guard let values = answer(id), !values.isEmpty else { return false }
            return Self.compare(values, type: types[id], op, literal)
        case .isIn(let id, let literals):
            guard let values = answer(id), !values.isEmpty else { return false }
            return literals.contains { Self.compare(values, type: types[id], .equal, $0) }
        }
    }

    private static func compare(_ values: [String], type: QuestionType?, _ op: ComparisonOperator, _ literal: Literal) -> Bool {
        let expected = literal.description
        switch type {
        case .multi:
            switch op {
            case .equal: return values.contains(expected)
            case .notEqual: return !values.contains(expected)
            default: return false
            }
        case .scale, .number:
            let given = DecimalText(values[0], allowComma: true)?.value
            let wanted: Double? =
                switch literal {
                case .number(let value): value
                case .text(let text): DecimalText(text, allowComma: true)?.value
                }
            if let given, let wanted { return op.holds(given, wanted) }
        case .date:
            if let given = CalendarDay(typed: values[0]), let wanted = CalendarDay(iso: expected) {
                return op.holds(given, wanted)
            }
        case .single, .yesno, .text, nil:
            break
        }
        switch op {
        case .equal: return values[0] == expected
        case .notEqual: return values[0] != expected
        default: return false
        }
    }
}

extension ComparisonOperator {
    func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }
}

extension SurveyDefinition {
    /// The questions shown for these answers. Walks the questions in order: one is visible when it
    /// has no `show_if` or its condition holds over the answers to questions already found visible.
    /// Answers to hidden questions count as unanswered, so a question that depends on a hidden one
    /// is judged as if that question was never asked (and so is usually hidden too).
    public func visibleQuestionIDs(given answers: Answers) -> Set<String> {
        visibleQuestionIDs { answers[$0] }
    }

    func visibleQuestionIDs(answer: (String) -> [String]?) -> Set<String> {
        let types = questionTypes
        var visible: Set<String> = []
        for question in questions {
            if let condition = question.showIf,
                !condition.expression.evaluate(types: types, answer: { visible.contains($0) ? answer($0) : nil })
            {
                continue
            }
            visible.insert(question.id)
        }
        return visible
    }

    /// Each question's type by id (the first, should an invalid definition repeat an id).
    var questionTypes: [String: QuestionType] {
        Dictionary(questions.map { ($0.id, $0.type) }, uniquingKeysWith: { first, _ in first })
    }
}

@testable import Surveys

/// Random but valid surveys and random (mostly invalid) form input, for property tests.
struct RandomSurveys {
    var rng: SplitMix64

    static let codes = ["a", "b", "c", "1", "2", "ja", "x-y", "z_9", "week"]

    mutating func survey(_ index: Int) -> (definition: SurveyDefinition, conditions: [(source: String, expected: Expression)]) {
        var questions: [Question] = []
        var conditions: [(String, Expression)] = []
        for number in 0..<rng.int(1...8) {
            var question = Question(id: "q\(number)", text: LocalizedText(nl: "Vraag \(number)"), type: type(), required: rng.chance(0.4))
            if !questions.isEmpty, rng.chance(0.5) {
                let (expression, source) = condition(over: questions, depth: rng.int(0...2))
                conditions.append((source, expression))
                // Parsed as a survey file would be; a failure shows up in the test that compares.
                question.showIf = (try? Condition(parsing: source)) ?? Condition(source: source, expression: expression)
            }
            questions.append(question)
        }
        var pages: [Page] = []
        var rest = questions.map(\.id)[...]
        while !rest.isEmpty {
            let size = rng.int(1...max(1, rest.count))
            pages.append(Page(questionIDs: Array(rest.prefix(size))))
            rest = rest.dropFirst(size)
        }
        let definition = SurveyDefinition(id: "s\(index)", kind: .enquete, title: "S", questions: questions, pages: pages)
        return (definition, conditions)
    }

    mutating func type() -> QuestionType {
        switch rng.int(0...6) {
        case 0: return .single(options: options())
        case 1:
            let options = options()
            let min = rng.chance(0.3) ? rng.int(0...options.count) : nil
            let max = rng.chance(0.3) ? rng.int(Swift.max(min ?? 0, 1)...options.count) : nil
            return .multi(options: options, min: min, max: max)
        case 2:
            let min = rng.int(0...2)
            return .scale(Scale(min: min, max: min + rng.int(1...6)))
        case 3: return .yesno
        case 4:
            let bounds: [Double] = [-10, 0, 0.5, 1, 18, 100]
            var min = rng.chance(0.4) ? rng.pick(bounds) : nil
            var max = rng.chance(0.4) ? rng.pick(bounds) : nil
            if let low = min, let high = max, low > high { (min, max) = (high, low) }
            return .number(NumberRule(min: min, max: max, integer: rng.chance(0.4)))
        case 5: return .text(maxLength: rng.int(1...40), multiline: rng.chance(0.5))
        default:
            var min = rng.chance(0.4) ? day() : nil
            var max = rng.chance(0.4) ? day() : nil
            if let low = min, let high = max, low > high { (min, max) = (high, low) }
            return .date(DateRule(min: min, max: max))
        }
    }

    mutating func options() -> [Option] {
        Array(Self.codes.shuffled(using: &rng).prefix(rng.int(1...5))).map { Option(code: $0, text: LocalizedText(nl: $0)) }
    }

    mutating func day() -> String {
        let year = rng.int(2020...2030), month = rng.int(1...12), day = rng.int(1...28)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    // MARK: Conditions

    /// An expression over `earlier` using only values those questions can have, and its source
    /// text, fully parenthesised so it must parse back to the same tree.
    mutating func condition(over earlier: [Question], depth: Int) -> (Expression, String) {
        if depth > 0, rng.chance(0.6) {
            let (a, aSource) = condition(over: earlier, depth: depth - 1)
            switch rng.int(0...2) {
            case 0: return (.not(a), "not (\(aSource))")
            case 1:
                let (b, bSource) = condition(over: earlier, depth: depth - 1)
                return (.and(a, b), "(\(aSource)) AND (\(bSource))")
            default:
                let (b, bSource) = condition(over: earlier, depth: depth - 1)
                return (.or(a, b), "(\(aSource)) or (\(bSource))")
            }
        }
        let question = rng.pick(earlier)
        let id = question.id
        switch rng.int(0...5) {
        case 0: return (.answered(question: id), "answered(\(id))")
        case 1: return (.unanswered(question: id), "unanswered(\(id))")
        case 2:
            let values = (0..<rng.int(1...3)).map { _ in literal(for: question.type) }
            return (.isIn(question: id, values), "\(id) in [\(values.map(Self.source).joined(separator: ", "))]")
        default:
            let ordered: Bool
            switch question.type {
            case .scale, .number, .date: ordered = true
            default: ordered = false
            }
            let op = ordered ? rng.pick(ComparisonOperator.allCases) : rng.pick([.equal, .notEqual])
            let value = literal(for: question.type)
            return (.compare(question: id, op, value), "\(id) \(op.rawValue) \(Self.source(value))")
        }
    }

    mutating func literal(for type: QuestionType) -> Literal {
        switch type {
        case .single(let options), .multi(let options, _, _):
            let code = rng.pick(options).code
            return Double(code).map(Literal.number) ?? .text(code)
        case .scale(let scale): return .number(Double(rng.int(scale.min...scale.max)))
        case .yesno: return .text(rng.pick(["ja", "nee"]))
        case .number: return .number(rng.pick([-5, 0, 2.5, 12, 65]))
        case .text: return .text(rng.pick(["hallo", "Jan de Vries", "a"]))
        case .date: return .text(day())
        }
    }

    static func source(_ literal: Literal) -> String {
        switch literal {
        case .number: literal.description
        case .text(let text) where text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }): text
        case .text(let text): "'\(text)'"
        }
    }

    // MARK: Form input

    static let junk = [
        "", "   ", "abc", "1e5", "NaN", "-", "2,5", "12abc", "99999999999999999999999999999999999", "31-02-2026", "29-2-2028",
        "ja", "nee", "<script>alert(1)</script>", "\u{0}", "é", "e\u{301}", "1,2,3", "-0", " 42 ", "2026-13-01", "\r\n", "😀",
    ]

    mutating func fields(for definition: SurveyDefinition) -> FormFields {
        var fields: FormFields = [:]
        for question in definition.questions {
            switch rng.int(0...9) {
            case 0, 1: continue
            case 2: fields[question.id] = [junkValue()]
            case 3: fields[question.id] = [""]
            case 4:
                let value = plausibleValue(for: question.type)
                fields[question.id] = [value, value]
            case 5: fields[question.id] = (0..<rng.int(2...4)).map { _ in rng.chance(0.5) ? junkValue() : plausibleValue(for: question.type) }
            default:
                if case .multi(let options, _, _) = question.type {
                    fields[question.id] = options.map(\.code).filter { _ in rng.chance(0.5) }
                } else {
                    fields[question.id] = [plausibleValue(for: question.type)]
                }
            }
        }
        for name in ["_page", "_action", "Q0", "zzz", "q99", ""] where rng.chance(0.2) {
            fields[name] = [junkValue()]
        }
        return fields
    }

    mutating func junkValue() -> String {
        switch rng.int(0...9) {
        case 0: return String(repeating: rng.pick(["a", "é", "1", " ", "\r\n"]), count: rng.int(100...5_000))
        case 1: return rng.pick(Self.codes)
        default: return rng.pick(Self.junk)
        }
    }

    /// Usually a good answer, sometimes just outside what is allowed.
    mutating func plausibleValue(for type: QuestionType) -> String {
        switch type {
        case .single(let options), .multi(let options, _, _): return rng.pick(options).code
        case .scale(let scale): return String(rng.int((scale.min - 1)...(scale.max + 1)))
        case .yesno: return rng.pick(["ja", "nee", "Ja"])
        case .number: return rng.pick(["12", "-3", "2,5", " 7 ", "0.5", "100", "101", "-10", "18", "1.000", "3,0"])
        case .text(let maxLength, _):
            return String(repeating: rng.pick(["a", "é", " ", "\r\n", "x"]), count: rng.int(0...(maxLength + 5)))
        case .date:
            let text = day()
            guard rng.chance(0.5), let iso = CalendarDay(iso: text) else { return text }
            return "\(iso.day)-\(iso.month)-\(iso.year)"
        }
    }
}

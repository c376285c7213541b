import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// Checks the values a condition compares answers with, for the questions in `types` (those it
    /// may use and whose type is known): option codes, ja/nee, numbers, dates, and ordering only
    /// where answers have an order. Mirrors how ``Expression`` evaluates, so what passes here means
    /// what staff expect there.
    mutating func checkValues(_ expression: Expression, types: [String: QuestionType], at node: Node) {
        switch expression {
        case .compare(let id, let op, let literal):
            guard let type = types[id] else { return }
            if op.isOrdering, !type.isOrdered {
                log.report(
                    "'\(op.rawValue)' compares order, but question '\(id)' is a \(type.name) question; use = or != (ordering works on scale, number and date questions)",
                    at: node)
            }
            checkLiteral(literal, of: id, type: type, at: node)
        case .isIn(let id, let literals):
            guard let type = types[id] else { return }
            for literal in literals { checkLiteral(literal, of: id, type: type, at: node) }
        case .answered, .unanswered:
            return
        case .not(let inner):
            checkValues(inner, types: types, at: node)
        case .and(let a, let b), .or(let a, let b):
            checkValues(a, types: types, at: node)
            checkValues(b, types: types, at: node)
        }
    }

    /// A value a condition compares an answer with must be one that answer can be.
    private mutating func checkLiteral(_ literal: Literal, of id: String, type: QuestionType, at node: Node) {
        let written = literal.description
        switch type {
        case .single(let options), .multi(let options, _, _):
            let codes = options.map(\.code)
            if !codes.contains(written) {
                log.report(
                    "'\(written)' is not an option of question '\(id)' (options: \(codes.joined(separator: ", ")))",
                    at: node)
            }
        case .yesno:
            if YesNo(rawValue: written) == nil {
                log.report("'\(written)' is not an answer to question '\(id)' (expected ja or nee)", at: node)
            }
        case .scale(let scale):
            guard let value = Self.numericValue(of: literal) else {
                log.report("'\(written)' is not a number, but question '\(id)' is a scale question", at: node)
                return
            }
            if value < Double(scale.min) || value > Double(scale.max) {
                log.report(
                    "\(written) is outside the scale of question '\(id)' (\(scale.min) to \(scale.max))", at: node)
            }
        case .number:
            if Self.numericValue(of: literal) == nil {
                log.report("'\(written)' is not a number, but question '\(id)' is a number question", at: node)
            }
        case .date:
            if !Self.isDay(literal) {
                log.report(
                    "'\(written)' is not a date written as 'YYYY-MM-DD', but question '\(id)' is a date question",
                    at: node)
            }
        case .text:
            return
        }
    }

    /// A quoted number counts too, as it does when the condition is evaluated.
    private static func numericValue(of literal: Literal) -> Double? {
        switch literal {
        case .number(let value): value
        case .text(let text): isDecimal(text) ? Double(text) : nil
        }
    }

    private static func isDay(_ literal: Literal) -> Bool {
        guard case .text(let text) = literal, let day = LocalDateTime(parsing: text) else { return false }
        return day.time == nil && day.description == text
    }
}

extension QuestionType {
    /// Whether answers have an order, so `<`, `<=`, `>` and `>=` mean something.
    var isOrdered: Bool {
        switch self {
        case .scale, .number, .date: true
        case .single, .multi, .yesno, .text: false
        }
    }
}

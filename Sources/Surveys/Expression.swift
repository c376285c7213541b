/// A `show_if` condition: the text staff wrote (kept for messages and the canonical form) and its
/// parsed expression.
public struct Condition: Codable, Hashable, Sendable {
    public var source: String
    public var expression: Expression

    public init(source: String, expression: Expression) {
        self.source = source
        self.expression = expression
    }

    /// Parses `source`; see ``ExpressionParser`` for the grammar.
    public init(parsing source: String) throws(ExpressionSyntaxError) {
        self.init(source: source, expression: try ExpressionParser.parse(source))
    }
}

/// The language of `show_if`, over answers to earlier questions:
///
/// ```
/// steun <= 2
/// vervoer in [fiets, lopen] and not bewoner = nee
/// answered(opmerking) or (leeftijd >= 65 and vervoer != auto)
/// ```
///
/// Comparisons `= != < <= > >=`, membership `in [..]`, `answered(q)` / `unanswered(q)`, `not`, `and`,
/// `or` (in that order of precedence, loosest last) and parentheses. Values are numbers, bare words
/// (option codes, `ja`, `nee`) or quoted strings.
public indirect enum Expression: Codable, Hashable, Sendable {
    case compare(question: String, ComparisonOperator, Literal)
    case isIn(question: String, [Literal])
    case answered(question: String)
    case unanswered(question: String)
    case not(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)

    /// Every question the expression refers to, in order of appearance.
    public var questionIDs: [String] {
        switch self {
        case .compare(let id, _, _), .isIn(let id, _), .answered(let id), .unanswered(let id): [id]
        case .not(let inner): inner.questionIDs
        case .and(let a, let b), .or(let a, let b): a.questionIDs + b.questionIDs
        }
    }
}

public enum ComparisonOperator: String, Codable, Hashable, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the operator orders values (and so needs numbers or dates).
    public var isOrdering: Bool { self != .equal && self != .notEqual }
}

public enum Literal: Codable, Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case text(String)

    public var description: String {
        switch self {
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .text(let value): value
        }
    }
}

/// A `show_if` that does not parse: what is wrong and at which character (0-based offset in the
/// expression's text, in Unicode scalars) so the file's column can be computed.
public struct ExpressionSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) (at character \(offset + 1))" }
}

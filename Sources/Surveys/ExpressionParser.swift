/// Parses the `show_if` language described at ``Expression``:
///
/// ```
/// or      := and ('or' and)*
/// and     := not ('and' not)*
/// not     := 'not' not | primary
/// primary := '(' or ')' | ('answered'|'unanswered') '(' ident ')' | ident op value
///          | ident 'in' '[' value (',' value)* ']'
/// op      := '=' | '==' | '!=' | '<' | '<=' | '>' | '>='
/// value   := number | bare word | 'single' or "double" quoted text
/// ident   := [a-z][a-z0-9_-]*
/// ```
///
/// Keywords (`and`, `or`, `not`, `in`, `answered`, `unanswered`) are case-insensitive and cannot
/// be used as bare values (quote them). `and` and `or` group to the left. A number is `-?digits`
/// with an optional `.digits` part; any other bare word made of `A-Z a-z 0-9 _ -` and starting
/// with a letter or digit is text. Quoted text has no escapes and ends at the next matching quote.
///
/// Errors are reported at the token they are about (an unclosed bracket at the bracket), so staff
/// see the column to fix, with a sentence that says what was expected.
public enum ExpressionParser {
    /// Nesting deeper than this is refused rather than risking the stack; no real condition comes
    /// near it.
    static let maximumDepth = 64
    /// Likewise for the number of conditions joined by `and` and `or`: the parser reads a chain
    /// without recursing, but everything that walks the parsed condition (checking, evaluating,
    /// encoding) recurses once per condition. Found by fuzzing: 8,000 of them overflowed the stack.
    static let maximumConditions = 64

    public static func parse(_ source: String) throws(ExpressionSyntaxError) -> Expression {
        var parser = Parser(tokens: ExpressionLexer.tokens(source))
        return try parser.parseWhole()
    }
}

private struct Parser {
    let tokens: [ExpressionToken]
    var position = 0
    var depth = 0
    var conditions = 0

    init(tokens: [ExpressionToken]) { self.tokens = tokens }

    var current: ExpressionToken { tokens[position] }
    var previous: ExpressionToken? { position > 0 ? tokens[position - 1] : nil }

    mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// An error at `token`; a token that could not be read at all reports why instead, since that
    /// is the real problem.
    func error(_ message: String, at token: ExpressionToken) -> ExpressionSyntaxError {
        if case .invalid(let why) = token.kind { return ExpressionSyntaxError(offset: token.offset, message: why) }
        return ExpressionSyntaxError(offset: token.offset, message: message)
    }

    mutating func parseWhole() throws(ExpressionSyntaxError) -> Expression {
        if current.kind == .end { throw error("empty expression", at: current) }
        let expression = try parseOr()
        switch current.kind {
        case .end: return expression
        case .closeParenthesis: throw error("unexpected ')'", at: current)
        default: throw error("expected 'and' or 'or' before '\(current.text)'", at: current)
        }
    }

    mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseAnd()
        while current.isKeyword("or") {
            let keyword = advance()
            try requireRightSide(of: keyword)
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseNot()
        while current.isKeyword("and") {
            let keyword = advance()
            try requireRightSide(of: keyword)
            left = .and(left, try parseNot())
        }
        return left
    }

    mutating func parseNot() throws(ExpressionSyntaxError) -> Expression {
        guard current.isKeyword("not") else { return try parsePrimary() }
        let keyword = advance()
        if !canStartCondition(current) {
            throw error("'\(keyword.text)' needs a condition after it", at: keyword)
        }
        return .not(try nested(at: keyword) { (parser: inout Parser) throws(ExpressionSyntaxError) in try parser.parseNot() })
    }

    mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .openParenthesis:
            _ = advance()
            if current.kind == .closeParenthesis { throw error("expected a condition inside the parentheses", at: current) }
            let inner = try nested(at: token) { (parser: inout Parser) throws(ExpressionSyntaxError) in try parser.parseOr() }
            switch current.kind {
            case .closeParenthesis:
                _ = advance()
                return inner
            case .end: throw error("unclosed parenthesis", at: token)
            default: throw error("expected 'and', 'or' or ')' before '\(current.text)'", at: current)
            }
        case .word:
            switch token.keyword {
            case "and", "or": throw error("'\(token.text)' needs a condition on both sides", at: token)
            case "in": throw error("expected a question id before '\(token.text)'", at: token)
            default: break
            }
            conditions += 1
            if conditions > ExpressionParser.maximumConditions {
                throw error("the condition has too many parts (more than \(ExpressionParser.maximumConditions) comparisons)", at: token)
            }
            return token.keyword == "answered" || token.keyword == "unanswered" ? try parseAnswered() : try parseComparison()
        case .end:
            if let previous { throw error("expected a condition after '\(previous.text)'", at: token) }
            throw error("empty expression", at: token)
        case .closeParenthesis: throw error("unexpected ')'", at: token)
        case .comparison: throw error("expected a question id before '\(token.text)'", at: token)
        case .quoted: throw error("expected a question id, found the quoted value \(token.text)", at: token)
        case .openBracket, .closeBracket, .comma, .invalid: throw error("unexpected '\(token.text)'", at: token)
        }
    }

    /// `answered(q)` or `unanswered(q)`.
    mutating func parseAnswered() throws(ExpressionSyntaxError) -> Expression {
        let keyword = advance()
        guard current.kind == .openParenthesis else {
            throw error("expected '(' after '\(keyword.text)'", at: current)
        }
        let open = advance()
        guard case .word = current.kind, current.keyword == nil else {
            throw error("expected a question id after '\(keyword.text)('", at: current)
        }
        let id = try identifier(advance())
        switch current.kind {
        case .closeParenthesis: _ = advance()
        case .end: throw error("unclosed parenthesis", at: open)
        default: throw error("expected ')' after '\(id)'", at: current)
        }
        return keyword.keyword == "answered" ? .answered(question: id) : .unanswered(question: id)
    }

    /// `q op value` or `q in [values]`.
    mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
        let id = try identifier(advance())
        let token = current
        if case .comparison(let op) = token.kind {
            _ = advance()
            return .compare(question: id, op, try value(after: token))
        }
        guard token.isKeyword("in") else {
            throw error("expected a comparison operator (=, !=, <, <=, >, >=) or 'in' after '\(id)'", at: token)
        }
        _ = advance()
        guard current.kind == .openBracket else { throw error("expected '[' after '\(token.text)'", at: current) }
        let open = advance()
        var values = [try value(after: open)]
        while true {
            switch current.kind {
            case .comma:
                values.append(try value(after: advance()))
            case .closeBracket:
                _ = advance()
                return .isIn(question: id, values)
            case .end:
                throw error("unclosed '['", at: open)
            default:
                throw error("expected ',' or ']' before '\(current.text)'", at: current)
            }
        }
    }

    /// A question id as the grammar allows it.
    func identifier(_ token: ExpressionToken) throws(ExpressionSyntaxError) -> String {
        guard case .word(let word) = token.kind else { throw error("expected a question id", at: token) }
        let scalars = Array(word.unicodeScalars)
        let valid = scalars.first.map { ("a"..."z").contains($0) } == true
            && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        guard valid else {
            throw error(
                "'\(word)' is not a question id; ids start with a lowercase letter and contain only a-z, 0-9, '-' and '_'",
                at: token)
        }
        return word
    }

    /// The value after an operator, `[` or `,` (`after`, for the message when it is missing).
    mutating func value(after: ExpressionToken) throws(ExpressionSyntaxError) -> Literal {
        let token = current
        switch token.kind {
        case .quoted(let text):
            _ = advance()
            return .text(text)
        case .word(let word) where token.keyword == nil:
            _ = advance()
            if let number = Self.number(word) { return .number(number) }
            guard Self.isBareWord(word) else {
                throw error("'\(word)' is not a number or a plain word; put it in quotes", at: token)
            }
            return .text(word)
        case .word:
            throw error("expected a value after '\(after.text)', found the keyword '\(token.text)' (quote it to use it as a value)", at: token)
        default:
            throw error("expected a value after '\(after.text)'", at: token)
        }
    }

    /// `-?digits(.digits)?` as a number; anything else (such as `1e5`) is not one.
    static func number(_ word: String) -> Double? {
        guard DecimalText(word, allowComma: false) != nil else { return nil }
        return Double(word)
    }

    static func isBareWord(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) }
        return scalars.first.map(isLetterOrDigit) == true && scalars.allSatisfy { isLetterOrDigit($0) || $0 == "_" || $0 == "-" }
    }

    /// Whether `token` can begin a condition; used to blame a dangling `and`, `or` or `not` itself
    /// rather than whatever follows it.
    func canStartCondition(_ token: ExpressionToken) -> Bool {
        switch token.kind {
        case .end, .closeParenthesis, .closeBracket, .comma: false
        case .word: !(token.isKeyword("and") || token.isKeyword("or"))
        default: true
        }
    }

    func requireRightSide(of keyword: ExpressionToken) throws(ExpressionSyntaxError) {
        if !canStartCondition(current) {
            throw error("'\(keyword.text)' needs a condition on both sides", at: keyword)
        }
    }

    mutating func nested(
        at token: ExpressionToken, _ parse: (inout Parser) throws(ExpressionSyntaxError) -> Expression
    ) throws(ExpressionSyntaxError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        if depth > ExpressionParser.maximumDepth {
            throw error("the condition is nested too deeply (more than \(ExpressionParser.maximumDepth) levels)", at: token)
        }
        return try parse(&self)
    }
}

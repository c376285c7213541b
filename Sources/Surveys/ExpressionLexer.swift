/// One token of a `show_if` expression, with where it starts (in Unicode scalars) so errors can
/// point at it.
struct ExpressionToken: Sendable {
    enum Kind: Sendable, Equatable {
        case openParenthesis, closeParenthesis, openBracket, closeBracket, comma
        case comparison(ComparisonOperator)
        /// A run of letters, digits, `_`, `-` and `.`: a question id, keyword, number or bare value.
        /// What it may be is decided by the parser, which knows what it expects.
        case word(String)
        /// A quoted value, without its quotes.
        case quoted(String)
        /// Something that cannot start any token; raised only when the parser reaches it, so an
        /// earlier mistake is reported first.
        case invalid(message: String)
        case end
    }

    let kind: Kind
    let offset: Int
    /// The token as written, for messages.
    let text: String

    /// The word in lower case when the token is one of the language's keywords, which are
    /// case-insensitive; nil otherwise.
    var keyword: String? {
        guard case .word(let word) = kind else { return nil }
        let lowered = word.lowercased()
        return ExpressionLexer.keywords.contains(lowered) ? lowered : nil
    }

    func isKeyword(_ keyword: String) -> Bool { self.keyword == keyword }
}

/// Splits a `show_if` expression into tokens. Never fails: a character that cannot start a token
/// becomes an ``ExpressionToken/Kind/invalid(message:)`` token.
enum ExpressionLexer {
    static let keywords: Set<String> = ["and", "or", "not", "in", "answered", "unanswered"]

    static func tokens(_ source: String) -> [ExpressionToken] {
        let scalars = Array(source.unicodeScalars)
        var tokens: [ExpressionToken] = []
        var index = 0
        func text(_ range: Range<Int>) -> String {
            var result = ""
            result.unicodeScalars.append(contentsOf: scalars[range])
            return result
        }
        func add(_ kind: ExpressionToken.Kind, _ start: Int, _ end: Int) {
            tokens.append(ExpressionToken(kind: kind, offset: start, text: text(start..<end)))
            index = end
        }
        while index < scalars.count {
            let start = index
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case _ where scalar.properties.isWhitespace: index += 1
            case "(": add(.openParenthesis, start, start + 1)
            case ")": add(.closeParenthesis, start, start + 1)
            case "[": add(.openBracket, start, start + 1)
            case "]": add(.closeBracket, start, start + 1)
            case ",": add(.comma, start, start + 1)
            case "=": add(.comparison(.equal), start, next == "=" ? start + 2 : start + 1)
            case "<": add(next == "=" ? .comparison(.lessOrEqual) : .comparison(.less), start, next == "=" ? start + 2 : start + 1)
            case ">": add(next == "=" ? .comparison(.greaterOrEqual) : .comparison(.greater), start, next == "=" ? start + 2 : start + 1)
            case "!" where next == "=": add(.comparison(.notEqual), start, start + 2)
            case "!": add(.invalid(message: "unexpected '!'; write '!=' for 'is not', or 'not' before a condition"), start, start + 1)
            case "'", "\"":
                guard let close = scalars[(start + 1)...].firstIndex(of: scalar) else {
                    add(.invalid(message: "unterminated quoted value; add the closing \(scalar)"), start, scalars.count)
                    continue
                }
                add(.quoted(text((start + 1)..<close)), start, close + 1)
            case _ where isWordScalar(scalar):
                var end = start + 1
                while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
                add(.word(text(start..<end)), start, end)
            default:
                add(.invalid(message: "unexpected character '\(scalar)'"), start, start + 1)
            }
        }
        tokens.append(ExpressionToken(kind: .end, offset: scalars.count, text: ""))
        return tokens
    }

    /// Letters of any script are taken into words so that a mistake like `Straat = één` is reported
    /// as a bad id or value (with advice) instead of as a stray character.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "."
    }
}

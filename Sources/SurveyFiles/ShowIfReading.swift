import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// Parses a `show_if` expression; a syntax error is reported at the character it is about.
    /// Whether the questions and values it names exist is checked once the whole survey is read.
    mutating func condition(_ node: Node) -> Condition? {
        guard let source = string(node, expecting: "an expression over earlier answers for 'show_if'") else {
            return nil
        }
        do throws(ExpressionSyntaxError) {
            return try Condition(parsing: source)
        } catch {
            let position = position(ofCharacter: error.offset, inTrimmedTextOf: node)
            log.report("syntax error in show_if: \(error.message)", line: position.line, column: position.column)
            return nil
        }
    }

    /// Where the character at `offset` (in Unicode scalars, of the scalar's text without surrounding
    /// white space) is in the file. Exact for plain and quoted scalars written on one line without
    /// escapes, which is how expressions are written; otherwise the start of the scalar, because
    /// folding and escapes make the text differ from what is on the line.
    func position(ofCharacter offset: Int, inTrimmedTextOf node: Node) -> (line: Int, column: Int) {
        let start = (line: node.line, column: node.mark?.column ?? 0)
        guard case .scalar(let scalar) = node, start.line >= 1, start.line <= lines.count, start.column >= 1 else {
            return start
        }
        let quote: Unicode.Scalar?
        switch scalar.style {
        case .plain, .any: quote = nil
        case .singleQuoted: quote = "'"
        case .doubleQuoted: quote = "\""
        case .literal, .folded: return start
        }
        let written = Array(scalar.string.unicodeScalars)
        let line = lines[start.line - 1].dropFirst(start.column - 1)
        var expected = quote.map { [$0] } ?? []
        expected += written
        if let quote { expected.append(quote) }
        guard line.starts(with: expected) else { return start }
        let leading = written.prefix { $0.properties.isWhitespace }.count
        return (start.line, start.column + (quote == nil ? 0 : 1) + leading + offset)
    }
}

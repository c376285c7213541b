import Testing
@testable import Surveys

/// Shorthands that keep the expected trees readable.
private func eq(_ id: String, _ value: Literal) -> Expression { .compare(question: id, .equal, value) }
private func num(_ value: Double) -> Literal { .number(value) }
private func text(_ value: String) -> Literal { .text(value) }

@Suite struct ExpressionParserTests {
    @Test(arguments: [
        ("steun <= 2", Expression.compare(question: "steun", .lessOrEqual, .number(2))),
        ("steun = 2", .compare(question: "steun", .equal, .number(2))),
        ("steun == 2", .compare(question: "steun", .equal, .number(2))),
        ("steun != 2", .compare(question: "steun", .notEqual, .number(2))),
        ("steun < 2", .compare(question: "steun", .less, .number(2))),
        ("steun > 2", .compare(question: "steun", .greater, .number(2))),
        ("steun >= 2", .compare(question: "steun", .greaterOrEqual, .number(2))),
        ("temperatuur > -2", .compare(question: "temperatuur", .greater, .number(-2))),
        ("uren >= 2.5", .compare(question: "uren", .greaterOrEqual, .number(2.5))),
        ("uren>=-0.75", .compare(question: "uren", .greaterOrEqual, .number(-0.75))),
        ("vaak = week", .compare(question: "vaak", .equal, .text("week"))),
        ("vaak = 1e5", .compare(question: "vaak", .equal, .text("1e5"))),
        ("code = A-1_b", .compare(question: "code", .equal, .text("A-1_b"))),
        ("start >= 2026-01-01", .compare(question: "start", .greaterOrEqual, .text("2026-01-01"))),
        ("buurt-naam_2 = ja", .compare(question: "buurt-naam_2", .equal, .text("ja"))),
        ("straat = 'De Kleine Kerk'", .compare(question: "straat", .equal, .text("De Kleine Kerk"))),
        ("straat = \"Café 't Hoekje\"", .compare(question: "straat", .equal, .text("Café 't Hoekje"))),
        ("straat = 'and'", .compare(question: "straat", .equal, .text("and"))),
        ("vervoer in [fiets, lopen]", .isIn(question: "vervoer", [.text("fiets"), .text("lopen")])),
        ("vervoer in [fiets]", .isIn(question: "vervoer", [.text("fiets")])),
        ("steun in [1, 2, 'drie']", .isIn(question: "steun", [.number(1), .number(2), .text("drie")])),
        ("answered(opmerking)", .answered(question: "opmerking")),
        ("unanswered( opmerking )", .unanswered(question: "opmerking")),
        ("not bewoner = nee", .not(.compare(question: "bewoner", .equal, .text("nee")))),
        ("not not bewoner = nee", .not(.not(.compare(question: "bewoner", .equal, .text("nee"))))),
    ])
    func everyConstructParses(_ source: String, _ expected: Expression) throws {
        #expect(try ExpressionParser.parse(source) == expected)
    }

    @Test func andBindsTighterThanOrAndNotTighterThanAnd() throws {
        let parsed = try ExpressionParser.parse("a = 1 or b = 2 and not c = 3")
        #expect(parsed == .or(eq("a", num(1)), .and(eq("b", num(2)), .not(eq("c", num(3))))))
    }

    @Test func andAndOrGroupToTheLeft() throws {
        #expect(try ExpressionParser.parse("a = 1 or b = 2 or c = 3") == .or(.or(eq("a", num(1)), eq("b", num(2))), eq("c", num(3))))
        #expect(try ExpressionParser.parse("a = 1 and b = 2 and c = 3") == .and(.and(eq("a", num(1)), eq("b", num(2))), eq("c", num(3))))
    }

    @Test func parenthesesOverridePrecedence() throws {
        #expect(try ExpressionParser.parse("(a = 1 or b = 2) and c = 3") == .and(.or(eq("a", num(1)), eq("b", num(2))), eq("c", num(3))))
        #expect(try ExpressionParser.parse("not (a = 1 or b = 2)") == .not(.or(eq("a", num(1)), eq("b", num(2)))))
        #expect(try ExpressionParser.parse("((a = x))") == eq("a", text("x")))
        #expect(try ExpressionParser.parse("(a<=3)and(b!=x)") == .and(.compare(question: "a", .lessOrEqual, num(3)), .compare(question: "b", .notEqual, text("x"))))
    }

    @Test func keywordsAreCaseInsensitive() throws {
        let parsed = try ExpressionParser.parse("NOT a = 1 AND b In [x] Or Answered(c) oR UNANSWERED(d)")
        #expect(parsed == .or(.or(.and(.not(eq("a", num(1))), .isIn(question: "b", [text("x")])), .answered(question: "c")), .unanswered(question: "d")))
    }

    @Test func theExampleFromTheDocumentationParses() throws {
        let parsed = try ExpressionParser.parse("answered(opmerking) or (leeftijd >= 65 and vervoer != auto)")
        #expect(parsed == .or(.answered(question: "opmerking"), .and(.compare(question: "leeftijd", .greaterOrEqual, num(65)), .compare(question: "vervoer", .notEqual, text("auto")))))
        #expect(parsed.questionIDs == ["opmerking", "leeftijd", "vervoer"])
    }

    @Test(arguments: [
        ("steun 3", 6, "expected a comparison operator (=, !=, <, <=, >, >=) or 'in' after 'steun'"),
        ("steun", 5, "expected a comparison operator (=, !=, <, <=, >, >=) or 'in' after 'steun'"),
        ("steun <=", 8, "expected a value after '<='"),
        ("steun <= )", 9, "expected a value after '<='"),
        ("steun = and b = 1", 8, "expected a value after '=', found the keyword 'and' (quote it to use it as a value)"),
        ("(steun = 1", 0, "unclosed parenthesis"),
        ("(steun = 1 b = 2)", 11, "expected 'and', 'or' or ')' before 'b'"),
        ("steun = 1)", 9, "unexpected ')'"),
        (")", 0, "unexpected ')'"),
        ("steun = 1 extra", 10, "expected 'and' or 'or' before 'extra'"),
        ("", 0, "empty expression"),
        ("   ", 3, "empty expression"),
        ("and steun = 1", 0, "'and' needs a condition on both sides"),
        ("steun = 1 and", 10, "'and' needs a condition on both sides"),
        ("steun = 1 AND)", 10, "'AND' needs a condition on both sides"),
        ("steun = 1 or", 10, "'or' needs a condition on both sides"),
        ("or steun = 1", 0, "'or' needs a condition on both sides"),
        ("steun = 1 and or b = 2", 10, "'and' needs a condition on both sides"),
        ("not", 0, "'not' needs a condition after it"),
        ("a = 1 and not", 10, "'not' needs a condition after it"),
        ("vervoer in fiets", 11, "expected '[' after 'in'"),
        ("vervoer in [fiets, lopen", 11, "unclosed '['"),
        ("vervoer in []", 12, "expected a value after '['"),
        ("vervoer in [fiets,]", 18, "expected a value after ','"),
        ("vervoer in [fiets lopen]", 18, "expected ',' or ']' before 'lopen'"),
        ("in [a]", 0, "expected a question id before 'in'"),
        ("Steun = 1", 0, "'Steun' is not a question id; ids start with a lowercase letter and contain only a-z, 0-9, '-' and '_'"),
        ("1steun = 1", 0, "'1steun' is not a question id; ids start with a lowercase letter and contain only a-z, 0-9, '-' and '_'"),
        ("a = 1 or straße = 2", 9, "'straße' is not a question id; ids start with a lowercase letter and contain only a-z, 0-9, '-' and '_'"),
        ("= 3", 0, "expected a question id before '='"),
        ("'steun' = 3", 0, "expected a question id, found the quoted value 'steun'"),
        ("steun = 'ja", 8, "unterminated quoted value; add the closing '"),
        ("steun = \"ja", 8, "unterminated quoted value; add the closing \""),
        ("steun = 2.5.1", 8, "'2.5.1' is not a number or a plain word; put it in quotes"),
        ("straat = één", 9, "'één' is not a number or a plain word; put it in quotes"),
        ("steun ! 3", 6, "unexpected '!'; write '!=' for 'is not', or 'not' before a condition"),
        ("steun = 1 @", 10, "unexpected character '@'"),
        ("()", 1, "expected a condition inside the parentheses"),
        ("(", 1, "expected a condition after '('"),
        ("answered steun", 9, "expected '(' after 'answered'"),
        ("answered(steun", 8, "unclosed parenthesis"),
        ("answered()", 9, "expected a question id after 'answered('"),
        ("unanswered(a b)", 13, "expected ')' after 'a'"),
    ])
    func malformedInputIsReportedWhereItGoesWrong(_ source: String, _ offset: Int, _ message: String) {
        #expect(throws: ExpressionSyntaxError(offset: offset, message: message)) { try ExpressionParser.parse(source) }
    }

    @Test func offsetsCountUnicodeScalarsNotCharacters() {
        // "é" written as e + combining accent: one Character, two scalars.
        let source = "naam = 'e\u{301}' )"
        #expect(source.count == 12)
        #expect(throws: ExpressionSyntaxError(offset: 12, message: "unexpected ')'")) {
            try ExpressionParser.parse(source)
        }
    }

    @Test func absurdNestingIsRefusedInsteadOfOverflowingTheStack() {
        let source = String(repeating: "(", count: 10_000) + "a = 1" + String(repeating: ")", count: 10_000)
        #expect(throws: ExpressionSyntaxError(offset: 64, message: "the condition is nested too deeply (more than 64 levels)")) {
            try ExpressionParser.parse(source)
        }
        let nots = String(repeating: "not ", count: 10_000) + "a = 1"
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(nots) }
        let fine = String(repeating: "(", count: 64) + "a = 1" + String(repeating: ")", count: 64)
        #expect(throws: Never.self) { try ExpressionParser.parse(fine) }
    }

    /// Found by fuzzing: a chain of 8,000 conditions parsed fine but overflowed the stack of
    /// everything that walks it afterwards.
    @Test func absurdlyLongChainsAreRefusedAtTheFirstConditionTooMany() {
        let chain = Array(repeating: "a = 1", count: 8_000).joined(separator: " and ")
        #expect(throws: ExpressionSyntaxError(offset: 64 * 10, message: "the condition has too many parts (more than 64 comparisons)")) {
            try ExpressionParser.parse(chain)
        }
        let mixed = (0..<100).map { $0 % 2 == 0 ? "answered(q\($0))" : "q\($0) in [a, b]" }.joined(separator: " or ")
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(mixed) }
        let longest = Array(repeating: "a = 1", count: 64).joined(separator: " or ")
        #expect(throws: Never.self) { try ExpressionParser.parse(longest) }
    }

    @Test func conditionKeepsItsSourceAndParsedForm() throws {
        let condition = try Condition(parsing: "steun <= 2")
        #expect(condition.source == "steun <= 2")
        #expect(condition.expression == .compare(question: "steun", .lessOrEqual, .number(2)))
    }
}

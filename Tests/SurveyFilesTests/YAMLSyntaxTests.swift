import Testing
@testable import SurveyFiles
import Surveys

@Suite struct YAMLSyntaxTests {
    @Test func aSyntaxErrorReportsWhereTheParserStopped() {
        #expect(issues(in: "id: test\ntitle: a: b\n") == [
            issue(2, 9, "YAML syntax error: mapping values are not allowed in this context")
        ])
    }

    @Test func aTabIndentIsASyntaxError() {
        #expect(issues(in: "id: test\nkind: poll\n\ttitle: x\n") == [
            issue(3, 1, "YAML syntax error: found a tab character that violates indentation")
        ])
    }

    /// libyaml adds a line break of its own to a file that lacks one and reports an error there on
    /// the line after the last; staff are pointed at the end of the last line instead (found by fuzzing).
    @Test(arguments: ["id: test\nkind: poll\ne", "id: test\r\nkind: poll\r\ne", "id: test\rkind: poll\re"])
    func anErrorAtTheEndOfAFileWithoutAFinalLineBreakIsOnItsLastLine(_ text: String) {
        #expect(issues(in: text) == [issue(3, 2, "YAML syntax error: could not find expected ':'")])
    }

    /// The YAML parser's time grows faster than the file (found while fuzzing): anything over 1 MiB is
    /// refused before it is parsed, however valid, and quickly.
    @Test func aFileOverOneMebibyteIsRefusedUnparsed() {
        let nested = "id: x\nkind: poll\ntitle: T\nquestions:\n" + (0..<1500).map { String(repeating: " ", count: $0) + "- \n" }.joined()
        #expect(nested.utf8.count > 1 << 20)
        #expect(issues(in: nested) == [issue(0, 0, "the file is \(nested.utf8.count) bytes; a survey file may be at most 1024 KiB")])
    }

    @Test func aRepeatedKeyPointsAtItsFirstUse() {
        #expect(issues(in: "kind: poll\nid: a\ntitle: T\nid: b\n") == [
            issue(2, 1, "key 'id' appears more than once in the same mapping (first here)")
        ])
    }
}

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

    @Test func aRepeatedKeyPointsAtItsFirstUse() {
        #expect(issues(in: "kind: poll\nid: a\ntitle: T\nid: b\n") == [
            issue(2, 1, "key 'id' appears more than once in the same mapping (first here)")
        ])
    }
}

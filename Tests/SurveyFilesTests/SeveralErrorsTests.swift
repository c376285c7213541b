import Testing
@testable import SurveyFiles
import Surveys

@Suite struct SeveralErrorsTests {
    /// Reading goes on after a bad key or question, so one run shows everything to fix.
    @Test func everyProblemInTheFileIsReported() throws {
        let yaml = """
            id: Buurt
            kind: poll
            title: Test
            closes: morgen
            questions:
              - id: steun
                type: scale
                text: Steun?
                scale: {min: 1, max: 5}
                support: {supports: [9]}
              - id: steun
                type: yesno
              - id: vaak
                type: single
                text: Hoe vaak?
                options: [dagelijks, nooit]
              - id: ok
                type: yesno
                text: Dit is goed.
            """
        let found = issues(in: yaml)
        #expect(found == [
            issue(1, 5, "survey id 'Buurt' must start with a lowercase letter and contain only lowercase letters, digits and '-'"),
            issue(4, 9, "'morgen' is not a valid date for 'closes'; write YYYY-MM-DD or YYYY-MM-DDTHH:MM in Dutch local time"),
            issue(10, 26, "'9' is not an answer to question 'steun' (expected a whole number from 1 to 5)"),
            issue(11, 5, "question 'steun' has no 'text'"),
            issue(11, 9, "question id 'steun' is already used on line 6"),
            issue(16, 15, "option 'dagelijks' of question 'vaak' must be written as {code: …, text: …} so answers keep their meaning when the text is reworded"),
            issue(16, 26, "option 'nooit' of question 'vaak' must be written as {code: …, text: …} so answers keep their meaning when the text is reworded"),
        ])
        #expect(found.allSatisfy { $0.file == testFile })

        do {
            _ = try SurveyFileLoader.parse(yaml, file: testFile)
            Issue.record("expected the file to be rejected")
        } catch {
            #expect(error.description.split(separator: "\n").count == found.count)
            #expect(error.description.hasPrefix("t.yaml:1:5: error: survey id 'Buurt'"))
        }
    }
}

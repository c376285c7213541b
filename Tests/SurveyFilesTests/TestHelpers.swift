@testable import SurveyFiles
import Surveys

/// The file name every inline test document is parsed under.
let testFile = "t.yaml"

/// The issues `parse` throws for `yaml`, or none when it parses.
func issues(in yaml: String) -> [SurveyFileIssue] {
    do {
        _ = try SurveyFileLoader.parse(yaml, file: testFile)
        return []
    } catch {
        return error.issues
    }
}

func issue(_ line: Int, _ column: Int, _ message: String) -> SurveyFileIssue {
    SurveyFileIssue(file: testFile, line: line, column: column, message: message)
}

/// Four lines of a valid survey header; the questions of a test document start on line 5.
let header = """
    id: test
    kind: poll
    title: Test
    questions:

    """

import YAMLFiles
import Surveys
import Yams

/// One file's text to a survey, or every problem found in it.
enum SurveyFileParser {
    static func parse(_ text: String, file: String) -> Result<ReadSurvey, SurveyFileErrors> {
        var reader = SurveyFileReader(file: file, text: text)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            reader.log.report(yamlError: error, text: text)
            return .failure(SurveyFileErrors(issues: reader.log.ordered))
        }
        guard let root else {
            reader.log.report("the file is empty; a survey needs at least 'id', 'kind', 'title' and 'questions'", line: 1, column: 1)
            return .failure(SurveyFileErrors(issues: reader.log.ordered))
        }
        let survey = reader.readSurvey(root)
        guard reader.log.isEmpty else { return .failure(SurveyFileErrors(issues: reader.log.ordered)) }
        guard let survey else {
            // Every path that yields no survey reports why; this guards against a gap in that.
            reader.log.report("the survey could not be read", line: 0, column: 0)
            return .failure(SurveyFileErrors(issues: reader.log.ordered))
        }
        return .success(survey)
    }
}

import YAMLFiles
import Surveys
import Yams

/// One file's text to a survey, or every problem found in it.
enum SurveyFileParser {
    /// A survey file is a few kilobytes. One far larger is a mistake, or an attack on the YAML parser,
    /// whose time grows faster than the file (a 9 MB file of nested lists took minutes), so it is
    /// refused before it is parsed.
    static let maximumBytes = 1 << 20

    static func parse(_ text: String, file: String) -> Result<ReadSurvey, SurveyFileErrors> {
        var reader = SurveyFileReader(file: file, text: text)
        guard text.utf8.count <= maximumBytes else {
            reader.log.report("the file is \(text.utf8.count) bytes; a survey file may be at most \(maximumBytes / 1024) KiB", line: 0, column: 0)
            return .failure(SurveyFileErrors(issues: reader.log.ordered))
        }
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

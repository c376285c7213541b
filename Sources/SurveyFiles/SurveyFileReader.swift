import Yams

/// Turns the YAML tree of one survey file into model values, reporting problems as it goes and
/// carrying on, so one run shows every mistake in the file.
struct SurveyFileReader {
    var log: IssueLog

    init(file: String) { log = IssueLog(file: file) }
}

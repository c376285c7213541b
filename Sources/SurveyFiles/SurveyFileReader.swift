import YAMLFiles
import Surveys
import Yams

/// Turns the YAML tree of one survey file into model values, reporting problems as it goes and
/// carrying on, so one run shows every mistake in the file.
struct SurveyFileReader {
    var log: IssueLog
    /// The file's lines as Unicode scalars (libyaml's unit for columns), so a position inside a
    /// scalar's text can be turned into a column of the file.
    let lines: [[Unicode.Scalar]]
    /// The languages every respondent-facing text must be given in, from `languages`; read before
    /// any text so it does not matter where in the file `languages` is written.
    var languages: [Language] = [.nl]

    init(file: String, text: String = "") {
        log = IssueLog(file: file)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Array((line.last == "\r" ? line.dropLast() : line).unicodeScalars)
        }
    }
}

import CFuzzDriver
import SurveyFiles
import Surveys

/// A survey file as staff might write it, or anything else: the loader must answer with a survey or
/// with problems that point inside the file, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSurveyFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let survey = try SurveyFileLoader.parse(text, file: "fuzz.yaml")
        precondition(!survey.questions.isEmpty, "a survey was accepted without questions")
    } catch {
        let lines = lineCount(text)
        for issue in error.issues {
            precondition(issue.line >= 0 && issue.line <= lines, "an issue points at line \(issue.line) of \(lines)")
            _ = issue.description
        }
    }
    return 0
}

/// Lines as YAML counts them, or more (a CR LF counts twice): an upper bound for issues' lines.
func lineCount(_ text: String) -> Int {
    1 + text.unicodeScalars.filter { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }.count
}

draagvlak_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzSurveyFile)

import Foundation
import SurveyFiles
import Surveys
import Testing

/// Replays the fuzzer's seed corpus (`Tests/fuzz-corpus/survey-file`, see `Fuzz/README.md`) with the
/// fuzz target's checks, so an input that once broke the loader stays a test once it is added there.
@Suite struct SurveyFileFuzzCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz-corpus/survey-file")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.inputs.count >= 10)
    }

    @Test(arguments: inputs)
    func everyInputLoadsOrNamesLinesInsideTheFile(_ input: URL) throws {
        let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
        let lines = 1 + text.unicodeScalars.filter { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }.count
        do {
            let survey = try SurveyFileLoader.parse(text, file: input.lastPathComponent)
            #expect(!survey.questions.isEmpty)
        } catch {
            #expect(!error.issues.isEmpty)
            for issue in error.issues { #expect((0...lines).contains(issue.line), "\(issue)") }
        }
    }
}

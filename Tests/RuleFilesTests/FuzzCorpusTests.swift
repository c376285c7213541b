import Foundation
import RuleFiles
import Testing

/// Replays the fuzzer's seed corpus of rule files (`Tests/fuzz-corpus/rule-file`, see
/// `Fuzz/README.md`) with the fuzz target's checks.
@Suite struct RuleFileFuzzCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz-corpus/rule-file")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    static let wijken = ["Noordoost", "Noordwest", "Zuid", "Zuidoost", "Zuidwest", "Hilversumse Meent", "Centrum", "Oost"]

    @Test func theShippedEditionsAreInTheCorpusAndLoad() throws {
        let shipped = Self.inputs.filter { $0.lastPathComponent.hasPrefix("hilversum-") }
        #expect(shipped.count >= 2)
        for input in shipped { _ = try RuleFileLoader.load(path: input.path, wijken: Self.wijken) }
    }

    @Test(arguments: inputs)
    func everyInputLoadsOrNamesLinesInsideTheFile(_ input: URL) throws {
        let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
        let lines = 1 + text.unicodeScalars.filter { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }.count
        do { _ = try RuleFileLoader.parse(text, file: input.lastPathComponent, wijken: Self.wijken) } catch {
            #expect(!error.issues.isEmpty)
            for issue in error.issues { #expect((0...lines).contains(issue.line), "\(issue)") }
        }
    }
}

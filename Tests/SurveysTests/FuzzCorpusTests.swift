import Foundation
import Surveys
import Testing

/// Replays the fuzzer's seed corpus of `show_if` conditions (`Tests/fuzz-corpus/show-if`, see
/// `Fuzz/README.md`) with the fuzz target's checks.
@Suite struct ShowIfFuzzCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz-corpus/show-if")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test func theCorpusHoldsGoodAndBadConditions() throws {
        let parsed = try Self.inputs.map { (try? Condition(parsing: String(decoding: try Data(contentsOf: $0), as: UTF8.self))) != nil }
        #expect(parsed.contains(true) && parsed.contains(false))
    }

    @Test(arguments: inputs)
    func everyConditionParsesAndSurvivesItsJSONOrFailsInsideTheText(_ input: URL) throws {
        let source = String(decoding: try Data(contentsOf: input), as: UTF8.self)
        let condition: Condition
        do { condition = try Condition(parsing: source) } catch {
            #expect((0...source.unicodeScalars.count).contains(error.offset), "\(error)")
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try JSONDecoder().decode(Condition.self, from: try encoder.encode(condition)) == condition)
        let answers = Answers(Dictionary(condition.expression.questionIDs.map { ($0, ["1"]) }) { first, _ in first })
        _ = condition.expression.evaluate(answers, types: [:])
    }
}

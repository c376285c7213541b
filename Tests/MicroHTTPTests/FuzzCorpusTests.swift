import Foundation
import Testing
@testable import MicroHTTP

/// Replays the fuzzer's seed corpus of form bodies and request targets (`Tests/fuzz-corpus/form`,
/// see `Fuzz/README.md`) with the fuzz target's checks.
@Suite struct FormFuzzCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz-corpus/form")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    static let unlimited = FormLimits(maxFields: .max, maxNameBytes: .max, maxValueBytes: .max)

    @Test func theCorpusHoldsGoodAndBadForms() throws {
        let bodies = try Self.inputs.map { Array(try Data(contentsOf: $0)) }
        let decoded = bodies.map { (try? URLEncoding.decodeForm($0)) != nil }
        #expect(decoded.contains(true) && decoded.contains(false))
    }

    @Test(arguments: inputs)
    func whatDecodesEncodesBackToTheSameFields(_ input: URL) throws {
        let bytes = Array(try Data(contentsOf: input))
        guard let fields = try? URLEncoding.decodeForm(bytes, limits: Self.unlimited) else { return }
        let encoded = fields.keys.sorted().flatMap { name in
            fields[name]!.map { URLEncoding.percentEncode(name) + "=" + URLEncoding.percentEncode($0) }
        }.joined(separator: "&")
        #expect(try URLEncoding.decodeForm(Array(encoded.utf8), limits: Self.unlimited) == fields)
    }

    @Test(arguments: inputs)
    func asARequestTargetThePathIsStrictOrRefused(_ input: URL) throws {
        let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
        do {
            let request = try Request(method: .get, target: "/" + text)
            #expect(request.path.hasPrefix("/") && !request.path.utf8.contains(0))
        } catch {
            #expect(error.status == .badRequest)
        }
    }
}

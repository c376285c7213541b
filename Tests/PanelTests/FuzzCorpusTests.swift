import Foundation
import Panel
import Testing

/// Replays the fuzzer's seed corpus of CSV files (`Tests/fuzz-corpus/csv-import`, see
/// `Fuzz/README.md`) through the three importers with the fuzz target's checks.
@Suite struct CSVImportFuzzCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz-corpus/csv-import")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.inputs.count >= 5)
    }

    @Test(arguments: inputs)
    func rowsSurviveFormattingAndProblemsAreOnLinesOfTheFile(_ input: URL) throws {
        let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
        let lines = 1 + text.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count
        do {
            let rows = try CSV.parse(text).map(\.fields).filter { $0 != [""] }
            #expect(try CSV.parse(CSV.format(rows)).map(\.fields) == rows)
        } catch {
            #expect((0...lines).contains(error.line))
        }
        let gemeente = try PopulationTable.parse(try Fixtures.shippedHilversumCSV()).gemeente(named: "Hilversum")
        do { _ = try MemberImport.parse(text, gemeente: gemeente, referenceYear: 2026) } catch {
            for issue in error.issues { #expect((0...lines).contains(issue.line), "\(issue)") }
        }
        do { _ = try AddressImport.parse(text, gemeente: gemeente) } catch {
            for issue in error.issues { #expect((0...lines).contains(issue.line), "\(issue)") }
        }
        do { _ = try PopulationTable.parse(text) } catch { #expect((0...lines).contains(error.line)) }
    }
}

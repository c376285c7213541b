import Foundation
import Testing
@testable import SurveyFiles
import Surveys

/// The survey files in `Fixtures/`: every valid one loads without issues, every invalid one gives
/// exactly the issues its `# expect: LINE:COLUMN: message start` lines announce. The same files
/// are checked against the JSON Schema by `Tests/schema`, which keeps the two in step.
@Suite struct FixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static let valid = fixtures(in: "valid")
    static let invalid = fixtures(in: "invalid")

    static func fixtures(in subfolder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + subfolder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func path(_ subfolder: String, _ name: String) -> String { folder + "/" + subfolder + "/" + name }

    struct Expectation: Equatable, CustomStringConvertible {
        let line: Int
        let column: Int
        let messageStart: String
        var description: String { "\(line):\(column): \(messageStart)" }

        func matches(_ issue: SurveyFileIssue) -> Bool {
            issue.line == line && issue.column == column && issue.message.hasPrefix(messageStart)
        }
    }

    /// The `# expect:` lines at the top of a fixture, in order.
    static func expectations(in text: String) -> [Expectation] {
        var found: [Expectation] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("# expect: ") else { break }
            let parts = line.dropFirst("# expect: ".count).split(separator: ":", maxSplits: 2)
            guard parts.count == 3, let row = Int(parts[0]), let column = Int(parts[1]) else { break }
            found.append(Expectation(line: row, column: column, messageStart: String(parts[2]).trimmingWhitespace))
        }
        return found
    }

    @Test func thereAreEnoughFixtures() {
        #expect(Self.valid.count >= 6)
        #expect(Self.invalid.count >= 15)
    }

    @Test(arguments: valid) func aValidFixtureLoadsWithoutIssues(name: String) {
        #expect(throws: Never.self) { try SurveyFileLoader.load(path: Self.path("valid", name)) }
    }

    @Test(arguments: invalid) func anInvalidFixtureGivesExactlyTheExpectedIssues(name: String) throws {
        let path = Self.path("invalid", name)
        let expected = Self.expectations(in: try String(contentsOfFile: path, encoding: .utf8))
        try #require(!expected.isEmpty, "\(name) has no '# expect: LINE:COLUMN: message' line at the top")
        var found: [SurveyFileIssue] = []
        do { _ = try SurveyFileLoader.load(path: path) } catch { found = error.issues }
        let report = "expected:\n\(expected.map(\.description).joined(separator: "\n"))\nfound:\n\(SurveyFileErrors(issues: found))"
        #expect(found.count == expected.count, "\(report)")
        for (expectation, issue) in zip(expected, found) {
            #expect(expectation.matches(issue), "\(report)")
        }
    }

    /// What `draagvlak survey check` does with a folder: every file's issues, not only the first file's.
    @Test func aFolderReportsTheIssuesOfEveryFile() throws {
        let expected = try Self.invalid.reduce(0) { count, name in
            count + Self.expectations(in: try String(contentsOfFile: Self.path("invalid", name), encoding: .utf8)).count
        }
        let result = SurveyFileLoader.loadDirectory(Self.folder + "/invalid")
        #expect(result.definitions.isEmpty)
        #expect(result.issues.count == expected)
        #expect(Set(result.issues.map(\.file)).count == Self.invalid.count)

        let valid = SurveyFileLoader.loadDirectory(Self.folder + "/valid")
        #expect(valid.issues.isEmpty)
        // One survey per file, but a monitor (`repeat`) is one survey per wave.
        let expectedSurveys = try Self.valid.reduce(0) { count, name in
            count + (try SurveyFileLoader.load(path: Self.path("valid", name)).repeatRule?.waves ?? 1)
        }
        #expect(expectedSurveys > Self.valid.count, "a valid fixture declares waves")
        #expect(valid.definitions.count == expectedSurveys)
    }
}

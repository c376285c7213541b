import Foundation
import Initiatives
import Testing
@testable import RuleFiles

/// The rule files in `Fixtures/`: one small valid edition and copies of it with one thing spoilt,
/// each refused with the file, line, column and sentence that point staff at the fix.
@Suite struct BadRuleFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let wijken = ["Centrum", "Oost"]

    static func path(_ name: String) -> String { folder + "/" + name }

    /// The issues loading `name` gives, or none.
    static func issues(_ name: String) -> [RuleFileIssue] {
        do {
            _ = try RuleFileLoader.load(path: path(name), wijken: wijken)
            return []
        } catch {
            return error.issues
        }
    }

    static func issue(_ name: String, _ line: Int, _ column: Int, _ message: String) -> RuleFileIssue {
        RuleFileIssue(file: path(name), line: line, column: column, message: message)
    }

    @Test func theSmallValidEditionLoads() throws {
        let edition = try RuleFileLoader.load(path: Self.path("valid-small.yaml"), wijken: Self.wijken)
        #expect(edition.id == "klein-2030" && edition.budgets["Oost"] == [.subsidie: Cents(400_050), .handgeld: Cents(60_000)])
        #expect(edition.bands.map(\.name) == [.klein, .groot, .wijkkans])
    }

    /// libyaml reports an error at the end of a file without a final line break on a line after the
    /// last; it is placed at the end of the last line instead (found by fuzzing).
    @Test func anErrorAtTheVeryEndIsOnTheLastLine() {
        #expect(throws: RuleFileErrors.self) { try RuleFileLoader.parse("edition: x\nbands", file: "eind.yaml", wijken: Self.wijken) }
        do { _ = try RuleFileLoader.parse("edition: x\nbands", file: "eind.yaml", wijken: Self.wijken) } catch {
            #expect(error.issues == [RuleFileIssue(file: "eind.yaml", line: 2, column: 6, message: "YAML syntax error: could not find expected ':'")])
        }
    }

    @Test func aFileOverOneMebibyteIsRefusedUnparsed() {
        let huge = "edition: x\n# " + String(repeating: "x", count: 1 << 20) + "\n"
        do { _ = try RuleFileLoader.parse(huge, file: "groot.yaml", wijken: Self.wijken) } catch {
            #expect(error.issues == [RuleFileIssue(file: "groot.yaml", line: 0, column: 0, message: "the file is \(huge.utf8.count) bytes; a rule file may be at most 1024 KiB")])
            return
        }
        Issue.record("a rule file over 1 MiB was read")
    }

    @Test func aGapBetweenBands() {
        #expect(Self.issues("gap.yaml") == [Self.issue(
            "gap.yaml", 27, 14,
            "gap between band 'klein' (up to € 1.000,00) and band 'groot' (above € 1.200,00): amounts from € 1.000,01 to € 1.200,00 have no band")])
    }

    @Test func anOverlapBetweenBands() {
        #expect(Self.issues("overlap.yaml") == [Self.issue(
            "overlap.yaml", 27, 14,
            "band 'klein' (up to € 1.000,00) and band 'groot' (above € 800,00) overlap: amounts from € 800,01 to € 1.000,00 would fit both")])
    }

    @Test func anUnknownRole() {
        #expect(Self.issues("unknown-role.yaml") == [Self.issue(
            "unknown-role.yaml", 28, 29, "unknown role 'wijkwethoudster' (did you mean 'wijkwethouder'?)")])
    }

    @Test func aBudgetThatDoesNotAddUp() {
        #expect(Self.issues("budget-not-adding-up.yaml") == [
            Self.issue(
                "budget-not-adding-up.yaml", 11, 46,
                "wijk 'Oost' does not add up: subsidie € 4.000,50 + handgeld € 650,00 = € 4.650,50, but its total says € 4.600,50"),
            Self.issue(
                "budget-not-adding-up.yaml", 12, 33,
                "the wijken's handgeld adds up to € 1.150,00, but the gemeente total for handgeld says € 1.100,00"),
        ])
    }

    @Test func aYAMLSyntaxError() {
        // libyaml notices the unclosed list on the next line, where a ',' or ']' should have come.
        #expect(Self.issues("yaml-syntax.yaml") == [Self.issue("yaml-syntax.yaml", 19, 15, "YAML syntax error: did not find expected ',' or ']'")])
    }

    @Test func mistakesOfFormAreAllReportedInOneGo() {
        #expect(Self.issues("form-errors.yaml") == [
            Self.issue("form-errors.yaml", 5, 17, "expected a date YYYY-MM-DD for 'effective_from', found '2030-02-30'"),
            Self.issue(
                "form-errors.yaml", 6, 1,
                "unknown key 'start' at the top of the file; known keys: edition, title, source, effective_from, wijkkansen_pot, overdraw_approver, budget, bands"),
            Self.issue("form-errors.yaml", 16, 5, "band 'klein' has no 'signatures'"),
            Self.issue("form-errors.yaml", 20, 5, "unknown key 'signature' in band 'klein'; did you mean 'signatures'?"),
            Self.issue("form-errors.yaml", 34, 16, "expected a share such as 0.5 for 'threshold', found 'veel'"),
        ])
    }

    @Test func twoEditionsOnTheSameDay() {
        let error = #expect(throws: RuleFileErrors.self) {
            try RuleFileLoader.loadBook(directory: Self.path("same-day"), wijken: Self.wijken)
        }
        #expect(error?.issues == [Self.issue(
            "same-day/b.yaml", 5, 1,
            "edition 'b' takes effect on 2030-01-01, like edition 'a' in \(Self.path("same-day/a.yaml")); one day can have only one edition in force")])
    }

    @Test func twoEditionsWithOneID() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: Self.path("valid-small.yaml"), encoding: .utf8)
        try text.write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "effective_from: 2030-01-01", with: "effective_from: 2031-01-01")
            .write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        let error = #expect(throws: RuleFileErrors.self) {
            try RuleFileLoader.loadBook(paths: [folder + "/a.yaml", folder + "/b.yaml"], wijken: Self.wijken)
        }
        #expect(error?.issues == [RuleFileIssue(
            file: folder + "/b.yaml", line: 2, column: 1,
            message: "edition id 'klein-2030' is already used in \(folder)/a.yaml; give each edition its own id")])
    }

    @Test func theWijkenMustBeTheGemeentes() {
        let error = #expect(throws: RuleFileErrors.self) {
            try RuleFileLoader.load(path: Self.path("valid-small.yaml"), wijken: ["Centrum", "Oost", "Zuid"])
        }
        #expect(error?.issues == [Self.issue("valid-small.yaml", 9, 3, "the gemeente's wijk 'Zuid' has no budget in this table")])
    }

    @Test func aFolderWithoutRuleFilesOrNoFolderAtAll() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let none = #expect(throws: RuleFileErrors.self) { try RuleFileLoader.loadBook(directory: empty, wijken: nil) }
        #expect(none?.description == "\(empty):0:0: error: the folder has no rule files (*.yaml)")
        let missing = #expect(throws: RuleFileErrors.self) { try RuleFileLoader.loadBook(directory: empty + "/nope", wijken: nil) }
        #expect(missing?.issues.first?.message.hasPrefix("cannot read the rules folder: ") == true)
    }

    @Test func anEmptyFileSaysWhatARuleFileNeeds() {
        #expect(throws: RuleFileErrors.self) { try RuleFileLoader.parse("", file: "leeg.yaml", wijken: nil) }
        do {
            _ = try RuleFileLoader.parse("# niets\n", file: "leeg.yaml", wijken: nil)
        } catch {
            #expect(error.issues == [RuleFileIssue(
                file: "leeg.yaml", line: 1, column: 1,
                message: "the file is empty; a rule file needs 'edition', 'effective_from', 'budget' and 'bands'")])
        }
    }
}

import Foundation
import Testing
@testable import SurveyFiles
import Surveys

@Suite struct DirectoryLoadingTests {
    /// A fresh folder holding `files` (name → contents), removed after `body`.
    func withFolder(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("surveyfiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, contents) in files {
            try contents.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        try body(folder)
    }

    static func survey(id: String) -> String {
        "id: \(id)\nkind: poll\ntitle: T\nquestions:\n  - {id: q, type: yesno, text: Q}\n"
    }

    @Test func goodFilesLoadAndBadFilesReportTheirIssues() throws {
        let files = [
            "a-goed.yaml": Self.survey(id: "goed"),
            "b-fout.yml": "id: fout\nkind: poll\nquestions: []\n",
            "leesmij.txt": "not a survey",
            ".a-goed.yaml.swp": "editor junk",
        ]
        try withFolder(files) { folder in
            let result = SurveyFileLoader.loadDirectory(folder)
            #expect(result.definitions.map(\.id) == ["goed"])
            let bad = folder + "/b-fout.yml"
            #expect(result.issues == [
                SurveyFileIssue(file: bad, line: 1, column: 1, message: "the survey has no 'title'"),
                SurveyFileIssue(file: bad, line: 3, column: 12, message: "'questions' must list at least one question"),
            ])
        }
    }

    @Test func aSecondFileWithTheSameIDIsRejectedAtItsID() throws {
        let files = [
            "een.yaml": Self.survey(id: "zelfde"),
            "twee.yaml": "# tweede versie\nid: zelfde\nkind: poll\ntitle: T\nquestions:\n  - {id: q, type: yesno, text: Q}\n",
            "drie.yaml": Self.survey(id: "anders"),
        ]
        try withFolder(files) { folder in
            let result = SurveyFileLoader.loadDirectory(folder + "/")
            #expect(result.definitions.map(\.id) == ["anders", "zelfde"])
            #expect(result.definitions.last?.questions.count == 1)
            #expect(result.issues == [
                SurveyFileIssue(
                    file: folder + "/twee.yaml", line: 2, column: 5,
                    message: "survey id 'zelfde' is already used by \(folder)/een.yaml"),
            ])
        }
    }

    @Test func aMissingFolderOrFileIsAnIssueWithoutPosition() throws {
        let missing = "/nonexistent/surveys-\(UUID().uuidString)"
        let result = SurveyFileLoader.loadDirectory(missing)
        #expect(result.definitions.isEmpty)
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.file == missing)
        #expect(result.issues.first?.line == 0 && result.issues.first?.column == 0)

        do {
            _ = try SurveyFileLoader.load(path: missing + ".yaml")
            Issue.record("expected a read error")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.file == missing + ".yaml")
            #expect(error.issues.first?.line == 0)
            #expect(error.issues.first?.message.hasPrefix("cannot read the file") == true)
        }
    }

    @Test func loadReadsOneFile() throws {
        try withFolder(["x.yaml": Self.survey(id: "x")]) { folder in
            let survey = try SurveyFileLoader.load(path: folder + "/x.yaml")
            #expect(survey.id == "x")
            #expect(survey.kind == .poll)
        }
    }
}

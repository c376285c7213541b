import Foundation
import Testing
@testable import SurveyFiles
import Surveys

/// The surveys shipped in the repository's `surveys/` folder are what demos and new staff start
/// from, so they must always load.
@Suite struct ExampleSurveyTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../surveys")
        .standardizedFileURL.path

    @Test func everyShippedSurveyLoadsWithoutIssues() {
        let result = SurveyFileLoader.loadDirectory(Self.folder)
        #expect(result.issues == [], "\(SurveyFileErrors(issues: result.issues))")
        #expect(result.definitions.map(\.id) == [
            "buurttoetsing-sjabloon", "enquete-digitaal-platform", "peiling-afvalinzameling", "speeltuin-geraniumstraat",
        ])
    }

    /// The first line lets editors with the YAML language server find the schema and complete the file.
    @Test func everyShippedSurveyNamesTheSchema() throws {
        for file in try SurveyFileLoader.surveyFiles(in: Self.folder) {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=../Resources/schema/survey.schema.json\n"), "\(file)")
        }
    }

    @Test func theSpeeltuinToetsingMeasuresSupportInOost() throws {
        let survey = try SurveyFileLoader.load(path: Self.folder + "/speeltuin-geraniumstraat.yaml")
        #expect(survey.kind == .buurttoetsing)
        #expect(survey.participation == .adviseren)
        #expect(survey.audience == Audience(wijken: ["Oost"]))
        #expect(survey.feedback != nil)
        #expect(survey.opens == LocalDateTime(year: 2026, month: 11, day: 1))
        #expect(survey.closes == LocalDateTime(year: 2027, month: 1, day: 31, time: .init(hour: 23, minute: 59)))
        let steun = try #require(survey.supportQuestion)
        #expect(steun.id == "steun")
        #expect(steun.required)
        #expect(steun.support == SupportRule(supports: ["4", "5"], opposes: ["1", "2"]))
        guard case .scale(let scale) = steun.type else {
            Issue.record("steun should be a scale question")
            return
        }
        #expect(scale.points == 1...5)
        #expect(scale.label(for: 3) == "Neutraal")
    }

    @Test func thePollMeasuresSupportWithJaAndNee() throws {
        let survey = try SurveyFileLoader.load(path: Self.folder + "/peiling-afvalinzameling.yaml")
        #expect(survey.kind == .poll)
        #expect(survey.questions.map(\.type.name) == ["yesno", "single"])
        #expect(survey.supportQuestion?.support == SupportRule(supports: ["ja"], opposes: ["nee"]))
    }

    /// The resident survey of seed 002 §4.1 (2020 Q3): bilingual, on three pages, every question type.
    @Test func thePlatformSurveyIsBilingualOnThreePagesWithEveryQuestionType() throws {
        let survey = try SurveyFileLoader.load(path: Self.folder + "/enquete-digitaal-platform.yaml")
        #expect(survey.kind == .enquete)
        #expect(survey.participation == .raadplegen)
        #expect(survey.audience == nil)
        #expect(survey.languages == [.nl, .en])
        #expect(survey.title.en == "One digital platform for the neighbourhoods")
        #expect(survey.pages.count == 3)
        #expect(survey.pages.allSatisfy { $0.title?.en != nil })
        #expect(survey.pages.flatMap(\.questionIDs) == survey.questions.map(\.id))
        #expect(Set(survey.questions.map(\.type.name)) == ["single", "multi", "scale", "yesno", "number", "text", "date"])
        #expect(survey.questions.allSatisfy { $0.text.en != nil })
        #expect(survey.question("informatiebronnen")?.type.maxSelections == 3)
        #expect(survey.question("jaren_in_hilversum")?.type == .number(NumberRule(min: 0, max: 110, integer: true)))
        #expect(survey.questions.compactMap(\.showIf).count >= 2)
        #expect(survey.opens == LocalDateTime(year: 2026, month: 11, day: 1))
        #expect(survey.closes == LocalDateTime(year: 2027, month: 6, day: 30, time: .init(hour: 23, minute: 59)))
    }

    @Test func theTemplateIsABuurttoetsingForAnInitiative() throws {
        let survey = try SurveyFileLoader.load(path: Self.folder + "/buurttoetsing-sjabloon.yaml")
        #expect(survey.kind == .buurttoetsing)
        #expect(survey.initiative == "INI-2026-000")
        #expect(survey.closes == LocalDateTime(year: 2027, month: 12, day: 31))
        #expect(survey.supportQuestion?.id == "steun")
    }
}

extension QuestionType {
    var maxSelections: Int? {
        if case .multi(_, _, let max) = self { return max }
        return nil
    }
}

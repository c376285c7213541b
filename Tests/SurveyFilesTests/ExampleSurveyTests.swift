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
        #expect(Set(result.definitions.map(\.id)).isSuperset(of: [
            "speeltuin-geraniumstraat", "peiling-afvalinzameling", "buurtpeiling-2026",
        ]))
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

    @Test func theCitySurveyIsBilingualAndOpenThroughJune2027() throws {
        let survey = try SurveyFileLoader.load(path: Self.folder + "/buurtpeiling-2026.yaml")
        #expect(survey.kind == .enquete)
        #expect(survey.audience == nil)
        #expect(survey.title.en == "Neighbourhood survey 2026")
        #expect(Set(survey.questions.map(\.type.name)) == ["scale", "single", "yesno", "text"])
        let june30 = LocalDateTime(year: 2027, month: 6, day: 30, time: .init(hour: 12, minute: 0))
        #expect(survey.isOpen(at: june30.startInstant))
    }
}

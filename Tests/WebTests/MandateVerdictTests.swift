import Foundation
import Initiatives
import Storage
import Testing
@testable import Web

/// A buurttoetsing is judged by its initiative's mandate rules, not by the `verdict` in its file.
@Suite struct MandateVerdictTests {
    static let toetsing = """
        id: toetsing
        kind: buurttoetsing
        title: Toetsing
        initiative: INI-2026-001
        verdict: {threshold: 0.9, min_n: 2}
        questions:
          - id: steun
            type: yesno
            text: Steunt u het plan?
            support: {supports: [ja], opposes: [nee]}
        """

    @Test func theInitiativesThresholdAndMinimumTakePrecedence() async throws {
        try await withApp(extraSurveys: ["toetsing": Self.toetsing]) { app in
            let context = app.server.context
            let fileRule = try #require(try await ResultsReport.current(context, surveyID: "toetsing")?.draagvlak)
            #expect((fileRule.threshold, fileRule.minN) == (0.9, 2), "without an initiative the file's rule applies")

            let route = MandateRoute(edition: "2020", band: .buurtdeal, deciders: [.buurtcoordinator, .wijkwethouder], signatures: 2,
                                     budgetLine: .subsidie, ceiling: .euros(10_000), buurttoetsingRequired: true, threshold: 0.5, minN: 3)
            let draft = Initiative(id: "", title: "Plan", summary: "s", wijk: "Centrum", buurt: nil, kind: .regulier, requested: .euros(5_000),
                                   ownContribution: .zero, reciprocity: "r", wijkTheme: nil, rightToChallenge: false,
                                   submittedOn: CalendarDate("2026-03-02")!, route: route)
            let (initiative, _) = try await context.database.initiatives.submit(draft, contact: .init(name: "An", email: "an@example.org", phone: nil))
            #expect(initiative.id == "INI-2026-001")
            let mandated = try #require(try await ResultsReport.current(context, surveyID: "toetsing")?.draagvlak)
            #expect((mandated.threshold, mandated.minN) == (0.5, 3))
        }
    }
}

import Foundation
import MicroHTTP
import Secrets
import Storage
import Surveys
import TestSupport
import Testing
@testable import Web

/// A two-page survey with every question type and conditions within and across pages.
let everyTypeSurvey = """
    id: alles
    kind: enquete
    title: {nl: Alle vraagtypen, en: Every question type}
    languages: [nl, en]
    closes: 2099-12-31
    pages:
      - title: {nl: Over u, en: About you}
        questions:
          - id: leeftijd
            type: number
            text: {nl: Hoe oud bent u?, en: How old are you?}
            min: 18
            max: 110
            integer: true
            required: true
          - id: vervoer
            type: multi
            text: {nl: Hoe reist u?, en: How do you travel?}
            max: 2
            options:
              - {code: fiets, text: {nl: Fiets, en: Bicycle}}
              - {code: auto, text: {nl: Auto, en: Car}}
              - {code: bus, text: {nl: Bus, en: Bus}}
          - id: parkeren
            type: yesno
            text: {nl: Parkeert u op straat?, en: Do you park in the street?}
            show_if: vervoer = auto
            required: true
      - title: {nl: Het plan, en: The plan}
        intro: {nl: Nu over het plan zelf., en: Now about the plan itself.}
        questions:
          - id: steun
            type: scale
            text: {nl: Steunt u het plan?, en: Do you support the plan?}
            scale: {min: 1, max: 5}
            required: true
            support: {supports: [4, 5], opposes: [1, 2]}
          - id: waarom
            type: text
            text: {nl: Waarom niet?, en: Why not?}
            max_length: 200
            show_if: steun <= 2
            required: true
          - id: senioren
            type: single
            text: {nl: Wat vindt u van een bankje?, en: What about a bench?}
            show_if: leeftijd >= 65
            options:
              - {code: goed, text: {nl: Goed idee, en: Good idea}}
              - {code: niet, text: {nl: Niet nodig, en: Not needed}}
          - id: start
            type: date
            text: {nl: Wanneer kunt u helpen?, en: When can you help?}
            min: 2026-01-01
    """

func form(_ pairs: [(String, String)]) -> [UInt8] {
    Array(pairs.map { "\(URLEncoding.percentEncode($0.0))=\(URLEncoding.percentEncode($0.1))" }.joined(separator: "&").utf8)
}

@Suite struct QuestionTypePageTests {
    @Test func firstPageShowsNumberCheckboxesAndTheConditionalQuestionForTheScript() async throws {
        try await withApp(extraSurveys: ["alles": everyTypeSurvey]) { app in
            let html = try await app.client().request("GET", "/s/\(app.extraTokens["alles"]!["nl1"]!)").text
            #expect(html.contains("Stap 1 van 2"))
            #expect(html.contains("<h2 class=\"page-title\">Over u</h2>"))
            #expect(html.contains("inputmode=\"numeric\""))
            #expect(html.contains("type=\"checkbox\" id=\"q-vervoer-0\" name=\"vervoer\" value=\"fiets\""))
            #expect(html.contains("Kies er hoogstens 2"))
            // parkeren depends on a question on the same page: rendered, with its condition for the script.
            #expect(html.contains("id=\"vraag-parkeren\" data-show-if=\""))
            #expect(html.contains("<script src=\"/static/show-if.js\" defer></script>"))
            #expect(html.contains("name=\"_action\" value=\"next\""))
            #expect(!html.contains("value=\"submit\""))
            #expect(!html.contains("q-steun"))
        }
    }

    @Test func invalidFirstPageStaysWithErrorsAndValidOneMovesOnCarryingAnswers() async throws {
        try await withApp(extraSurveys: ["alles": everyTypeSurvey]) { app in
            let client = try app.client()
            let path = "/s/\(app.extraTokens["alles"]!["nl1"]!)"
            let bad = try await client.request("POST", path, headers: formHeaders, body: form([
                ("_page", "0"), ("_action", "next"), ("leeftijd", "17,5"), ("vervoer", "fiets"), ("vervoer", "auto"), ("vervoer", "bus"),
            ]))
            #expect(bad.status == 422)
            #expect(bad.text.contains("Stap 1 van 2"))
            #expect(bad.text.contains("id=\"q-leeftijd-error\""))
            #expect(bad.text.contains("id=\"q-vervoer-error\""))
            #expect(bad.text.contains("id=\"q-parkeren-error\""), "auto chosen, so parkeren is shown and required")
            #expect(bad.text.contains("value=\"17,5\""))

            let good = try await client.request("POST", path, headers: formHeaders, body: form([
                ("_page", "0"), ("_action", "next"), ("leeftijd", "70"), ("vervoer", "fiets"),
            ]))
            #expect(good.status == 200)
            #expect(good.text.contains("Stap 2 van 2") && good.text.contains("Nu over het plan zelf."))
            #expect(good.text.contains("<input type=\"hidden\" name=\"leeftijd\" value=\"70\">"))
            #expect(good.text.contains("<input type=\"hidden\" name=\"vervoer\" value=\"fiets\">"))
            // 70 years old: the question for seniors (condition on an earlier page) is shown; parkeren is not carried.
            #expect(good.text.contains("q-senioren"))
            #expect(good.text.contains("value=\"submit\"") && good.text.contains("value=\"back\""))
            #expect(good.text.contains("type=\"date\" id=\"q-start\" name=\"start\" value=\"\" min=\"2026-01-01\""))
        }
    }

    @Test func backKeepsEverythingAndSubmitStoresOnlyVisibleAnswers() async throws {
        try await withApp(extraSurveys: ["alles": everyTypeSurvey]) { app in
            let client = try app.client()
            let path = "/s/\(app.extraTokens["alles"]!["nl2"]!)"
            let back = try await client.request("POST", path, headers: formHeaders, body: form([
                ("_page", "1"), ("_action", "back"), ("leeftijd", "40"), ("vervoer", "bus"), ("steun", "4"),
            ]))
            #expect(back.text.contains("Stap 1 van 2"))
            #expect(back.text.contains("value=\"40\""))
            #expect(back.text.contains("value=\"bus\" checked"))
            #expect(back.text.contains("<input type=\"hidden\" name=\"steun\" value=\"4\">"))

            // parkeren and senioren are hidden (no car, under 65): what is sent for them is dropped.
            let done = try await client.request("POST", path, headers: formHeaders, body: form([
                ("_page", "1"), ("_action", "submit"), ("leeftijd", "40"), ("vervoer", "bus"), ("parkeren", "ja"),
                ("steun", "5"), ("senioren", "goed"), ("start", "01-03-2027"),
            ]))
            #expect(done.status == 303)
            let invitation = try #require(try await app.server.context.database.invitations.find(token: app.extraTokens["alles"]!["nl2"]!))
            let stored = try #require(try await app.server.context.database.responses.answers(invitationID: invitation.id))
            #expect(stored.values == ["leeftijd": ["40"], "vervoer": ["bus"], "steun": ["5"], "start": ["2027-03-01"]])
        }
    }

    @Test func aConditionMetOnTheLastPageMakesItsQuestionRequired() async throws {
        try await withApp(extraSurveys: ["alles": everyTypeSurvey]) { app in
            let client = try app.client()
            let path = "/s/\(app.extraTokens["alles"]!["nl1"]!)"
            let missing = try await client.request("POST", path, headers: formHeaders, body: form([
                ("_page", "1"), ("_action", "submit"), ("leeftijd", "30"), ("steun", "1"),
            ]))
            #expect(missing.status == 422)
            #expect(missing.text.contains("id=\"q-waarom-error\""))
            #expect(missing.text.contains("Stap 2 van 2"))
            // An error on an earlier page (tampered hidden field) brings the respondent back there.
            let earlier = try await client.request("POST", path, headers: formHeaders, body: form([
                ("_page", "1"), ("_action", "submit"), ("leeftijd", "twintig"), ("steun", "4"),
            ]))
            #expect(earlier.status == 422)
            #expect(earlier.text.contains("Stap 1 van 2") && earlier.text.contains("id=\"q-leeftijd-error\""))
        }
    }

    @Test func englishOnRequestAndTheChoiceTravelsWithTheForm() async throws {
        try await withApp(extraSurveys: ["alles": everyTypeSurvey]) { app in
            let client = try app.client()
            let path = "/s/\(app.extraTokens["alles"]!["nl1"]!)"
            let english = try await client.request("GET", path + "?lang=en").text
            #expect(english.contains("<html lang=\"en\">") && english.contains("How old are you?"))
            #expect(english.contains("<input type=\"hidden\" name=\"_lang\" value=\"en\">"))
            #expect(english.contains("href=\"?lang=nl\" lang=\"nl\""))
            let next = try await client.request("POST", path, headers: formHeaders, body: form([
                ("_page", "0"), ("_action", "next"), ("_lang", "en"), ("leeftijd", "50"),
            ]))
            #expect(next.text.contains("Do you support the plan?") && next.text.contains("Step 2 of 2"))
        }
    }

    @Test func participationIsExplainedInPlainWords() async throws {
        try await withApp { app in
            let html = try await app.client().request("GET", "/s/\(app.tokens["nl1"]!)").text
            #expect(html.contains("U mag adviseren: de gemeente beslist, en legt uit wat zij met uw advies doet."))
        }
    }
}

@Suite struct StaffPreviewAndReloadTests {
    func staffCookie(_ app: RunningApp) async throws -> (String, String) {
        try await app.addAccount("onderzoeker", role: .onderzoeker)
        return try await app.signIn("onderzoeker").cookieHeader
    }

    @Test func previewNeedsStaffAndNeverStores() async throws {
        try await withApp(extraSurveys: ["alles": everyTypeSurvey]) { app in
            let client = try app.client()
            let anonymous = try await client.request("GET", "/admin/surveys/alles/preview")
            #expect(anonymous.status == 303 && anonymous.header("Location") == "/admin/login")
            try await app.addAccount("onderzoeker", role: .onderzoeker)
            let browser = try await app.signIn("onderzoeker")

            let page = try await client.request("GET", "/admin/surveys/alles/preview", headers: [browser.cookieHeader])
            #expect(page.status == 200 && page.text.contains("antwoorden worden niet opgeslagen"))
            // The preview form carries the session's CSRF token, and posting it back works.
            #expect(hiddenCSRF(page.text) == browser.csrf)
            let done = try await client.request("POST", "/admin/surveys/alles/preview", headers: [browser.cookieHeader, formHeaders[0]], body: form([
                ("_csrf", browser.csrf), ("_page", "1"), ("_action", "submit"), ("leeftijd", "30"), ("steun", "4"),
            ]))
            #expect(done.status == 200 && done.text.contains("Zo zouden de antwoorden worden opgeslagen"))
            #expect(try await app.server.context.database.responses.tally(surveyID: "alles").responded == 0)
        }
    }

    @Test func previewShowsADraftsErrorsAboveTheVersionInForce() async throws {
        try await withApp { app in
            let staff = try await staffCookie(app)
            let broken = RunningApp.openSurvey.replacingOccurrences(of: "type: yesno", with: "type: jaofnee")
            try broken.write(toFile: app.surveysFolder + "/fietsenstalling.yaml", atomically: true, encoding: .utf8)
            let page = try await app.client().request("GET", "/admin/surveys/fietsenstalling/preview", headers: [staff])
            #expect(page.status == 200)
            #expect(page.text.contains("Het bestand heeft fouten"))
            #expect(page.text.contains("fietsenstalling.yaml:21:11: error: unknown question type &#39;jaofnee&#39;"))
            #expect(page.text.contains("Hieronder staat de versie die nu geldt."))
            #expect(page.text.contains("Woont u aan het plein?"))
        }
    }

    @Test func reloadPutsNewVersionsLiveAndKeepsTheLastGoodOne() async throws {
        try await withApp { app in
            let client = try app.client()
            let admin = try await app.server.context.database.apiTokens.create(role: "admin", label: "t", createdBy: "test").value
            let researcher = try await app.server.context.database.apiTokens.create(role: "onderzoeker", label: "t", createdBy: "test").value
            #expect(try await client.request("POST", "/api/v1/surveys/reload", headers: [("Authorization", "Bearer \(researcher)")]).status == 403)

            // A wording change goes live.
            let reworded = RunningApp.openSurvey.replacingOccurrences(of: "Woont u aan het plein?", with: "Woont u direct aan het plein?")
            try reworded.write(toFile: app.surveysFolder + "/fietsenstalling.yaml", atomically: true, encoding: .utf8)
            let ok = try await client.request("POST", "/api/v1/surveys/reload", headers: [("Authorization", "Bearer \(admin)")])
            #expect(ok.status == 200)
            #expect(try await client.request("GET", "/s/\(app.tokens["nl1"]!)").text.contains("Woont u direct aan het plein?"))

            // A broken file: 422 with the position, and the reworded version stays live.
            try "id: fietsenstalling\nkind: poll\n".write(toFile: app.surveysFolder + "/fietsenstalling.yaml", atomically: true, encoding: .utf8)
            let broken = try await client.request("POST", "/api/v1/surveys/reload", headers: [("Authorization", "Bearer \(admin)")])
            #expect(broken.status == 422)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(broken.body)) as? [String: Any])
            #expect((report["issues"] as? [[String: Any]])?.first?["file"] as? String == app.surveysFolder + "/fietsenstalling.yaml")
            #expect((report["in_force"] as? [String])?.contains("fietsenstalling") == true)
            #expect(try await client.request("GET", "/s/\(app.tokens["nl1"]!)").text.contains("Woont u direct aan het plein?"))
        }
    }

    @Test func aChangeThatWouldReinterpretStoredAnswersIsRefused() async throws {
        try await withApp { app in
            let client = try app.client()
            _ = try await client.request("POST", "/s/\(app.tokens["nl1"]!)", headers: formHeaders, body: Array("steun=4&vervoer=auto".utf8))
            let admin = try await app.server.context.database.apiTokens.create(role: "admin", label: "t", createdBy: "test").value
            let withoutCar = RunningApp.openSurvey.replacingOccurrences(of: "{code: auto, text: Auto}", with: "{code: bus, text: Bus}")
            #expect(withoutCar != RunningApp.openSurvey)
            try withoutCar.write(toFile: app.surveysFolder + "/fietsenstalling.yaml", atomically: true, encoding: .utf8)
            let reply = try await client.request("POST", "/api/v1/surveys/reload", headers: [("Authorization", "Bearer \(admin)")])
            #expect(reply.status == 422)
            #expect(reply.text.contains("option 'auto' of question 'vervoer' was removed"))
            #expect(!reply.text.contains("\"issues\" : [\n    {"), "the file itself is valid")
            #expect(try await client.request("GET", "/s/\(app.tokens["nl2"]!)").text.contains("value=\"auto\""))
        }
    }
}

@Suite struct SurveyVerdictRuleTests {
    static let strictSurvey = """
        id: streng
        kind: buurttoetsing
        title: Streng
        closes: 2099-12-31
        verdict: {threshold: 0.2, min_n: 3}
        questions:
          - {id: steun, type: yesno, text: Steunt u het?, required: true, support: {supports: [ja], opposes: [nee]}}
        """

    @Test func theSurveysOwnThresholdAndMinimumDecideTheVerdict() async throws {
        try await withApp(extraSurveys: ["streng": Self.strictSurvey]) { app in
            let client = try app.client()
            for member in ["nl1", "nl2", "en1"] {
                let posted = try await client.request("POST", "/s/\(app.extraTokens["streng"]![member]!)", headers: formHeaders, body: Array("steun=ja".utf8))
                #expect(posted.status == 303)
            }
            let report = try #require(try await ResultsReport.current(app.server.context, surveyID: "streng"))
            let draagvlak = try #require(report.draagvlak)
            #expect(draagvlak.threshold == 0.2 && draagvlak.minN == 3)
            // Three of three: Clopper–Pearson lower end 0.025^(1/3) ≈ 0.29 ≥ 0.2, or the Wilson one (0.44) when unweighted.
            #expect(draagvlak.verdict == .voldoende)
        }
    }
}

@Suite struct PublicResultsTests {
    @Test func resultsArePublicOnlyAfterTheCloseAndTheClosedLinkPointsThere() async throws {
        try await withApp { app in
            let client = try app.client()
            // "oud" closed in 2020; its link now leads to the results page.
            let closed = try await client.request("GET", "/s/\(app.closedToken)")
            #expect(closed.text.contains("href=\"/uitkomsten/oud\""))
            let results = try await client.request("GET", "/uitkomsten/oud")
            #expect(results.status == 200 && results.text.contains("Uitkomsten: Oude peiling"))
            // One respondent at most: nothing per question is shown.
            #expect(!results.text.contains("<h3>Eens?</h3>"))
            // Still open: no results page yet.
            #expect(try await client.request("GET", "/uitkomsten/fietsenstalling").status == 404)
            #expect(try await client.request("GET", "/uitkomsten/bestaat-niet").status == 404)
        }
    }
}

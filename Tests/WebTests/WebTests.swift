import Foundation
import Logging
import MicroHTTP
import Panel
import Secrets
import Storage
import TestSupport
import Testing
@testable import Web

/// A running Draagvlak on a free port with a temporary data folder, the repository's Resources and
/// two survey files: one open, one closed.
final class RunningApp {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("draagvlak-web-\(UUID().uuidString)").path
    let server: DraagvlakServer
    /// Personal links' tokens by member id.
    var tokens: [String: String] = [:]
    var closedToken = ""
    /// Tokens for the extra surveys: survey id -> member id -> token.
    var extraTokens: [String: [String: String]] = [:]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let openSurvey = """
        id: fietsenstalling
        kind: buurttoetsing
        title: {nl: Fietsenstalling op het plein, en: Bicycle parking on the square}
        participation: adviseren
        feedback: De buurtcoördinator beslist in januari.
        closes: 2099-12-31
        questions:
          - id: steun
            type: scale
            text: {nl: Steunt u de fietsenstalling?, en: Do you support the bicycle parking?}
            scale: {min: 1, max: 5, labels: {1: Helemaal oneens, 5: Helemaal eens}}
            required: true
            support: {supports: [4, 5], opposes: [1, 2]}
          - id: vervoer
            type: single
            text: Hoe komt u meestal naar het plein?
            options:
              - {code: fiets, text: Fiets}
              - {code: auto, text: Auto}
          - id: bewoner
            type: yesno
            text: Woont u aan het plein?
          - id: opmerking
            type: text
            text: Wilt u nog iets kwijt?
            max_length: 50
        """

    static let closedSurvey = """
        id: oud
        kind: poll
        title: Oude peiling
        opens: 2020-01-01
        closes: 2020-02-01
        questions:
          - {id: eens, type: yesno, text: Eens?, required: true}
        """

    var surveysFolder: String { folder + "/surveys" }

    init(extraSurveys: [String: String] = [:], logger: Logger = Logger(label: "web-test"), configure: (inout AppConfiguration) -> Void = { _ in }) async throws {
        let surveys = folder + "/surveys"
        try FileManager.default.createDirectory(atPath: surveys, withIntermediateDirectories: true)
        try Self.openSurvey.write(toFile: surveys + "/fietsenstalling.yaml", atomically: true, encoding: .utf8)
        try Self.closedSurvey.write(toFile: surveys + "/oud.yaml", atomically: true, encoding: .utf8)
        for (name, text) in extraSurveys { try text.write(toFile: "\(surveys)/\(name).yaml", atomically: true, encoding: .utf8) }
        var configuration = AppConfiguration()
        configuration.dataDirectory = folder + "/data"
        configuration.surveysDirectory = surveys
        configuration.resourcesDirectory = Self.repository + "/Resources"
        configuration.port = 0
        configure(&configuration)
        let context = try await AppContext.open(configuration, logger: logger)
        let people = [
            Member(id: "nl1", email: "a@example.org", wijk: "Centrum", gender: .vrouw, language: "nl"),
            Member(id: "nl2", email: "b@example.org", wijk: "Centrum", gender: .man, language: "nl"),
            Member(id: "en1", email: "c@example.org", wijk: "Centrum", gender: .anders, language: "en"),
        ]
        try await context.database.members.upsert(people)
        for issued in try await context.database.invitations.issue(surveyID: "fietsenstalling", to: people).issued {
            tokens[issued.member.id] = issued.token.value
        }
        closedToken = try await context.database.invitations.issue(surveyID: "oud", to: [people[0]]).issued[0].token.value
        for name in extraSurveys.keys.sorted() {
            for issued in try await context.database.invitations.issue(surveyID: name, to: people).issued {
                extraTokens[name, default: [:]][issued.member.id] = issued.token.value
            }
        }
        server = try DraagvlakServer(context: context)
    }

    func client() throws -> RawHTTPClient { try RawHTTPClient(port: server.port) }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// Runs `body` against a fresh app and always stops it.
func withApp(
    extraSurveys: [String: String] = [:], logger: Logger = Logger(label: "web-test"), configure: (inout AppConfiguration) -> Void = { _ in },
    _ body: (RunningApp) async throws -> Void
) async throws {
    let app = try await RunningApp(extraSurveys: extraSurveys, logger: logger, configure: configure)
    do { try await body(app) } catch {
        await app.stop()
        throw error
    }
    await app.stop()
}

let formHeaders = [("Content-Type", "application/x-www-form-urlencoded")]

@Suite struct AnsweringPageTests {
    @Test func formShowsEveryQuestionWithAccessibleMarkup() async throws {
        try await withApp { app in
            let reply = try await app.client().request("GET", "/s/\(app.tokens["nl1"]!)")
            #expect(reply.status == 200)
            let html = reply.text
            #expect(html.contains("<html lang=\"nl\">"))
            #expect(html.contains("<legend><span class=\"number\">1.</span> Steunt u de fietsenstalling?"))
            #expect(html.contains("<label for=\"q-steun-4\">5 – Helemaal eens</label>"))
            #expect(html.contains("id=\"q-vervoer-1\" name=\"vervoer\" value=\"auto\""))
            #expect(html.contains("<label for=\"q-opmerking\">"))
            #expect(html.contains("maxlength=\"50\""))
            #expect(html.contains("adviseren") && html.contains("31 december 2099"))
            #expect(html.contains("De buurtcoördinator beslist in januari."))
            // Scripts only from our own files (the CSP forbids inline script anyway).
            #expect(html.components(separatedBy: "<script").count - 1 == html.components(separatedBy: "<script src=\"/static/").count - 1)
            #expect(reply.header("Content-Security-Policy") != nil)
        }
    }

    @Test func membersWhoPreferEnglishGetEnglish() async throws {
        try await withApp { app in
            let html = try await app.client().request("GET", "/s/\(app.tokens["en1"]!)").text
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("Do you support the bicycle parking?"))
            #expect(html.contains("Send answers"))
            // No English given: the Dutch text stands in.
            #expect(html.contains("Hoe komt u meestal naar het plein?"))
        }
    }

    @Test func invalidAnswersComeBackWithErrorsNextToTheirQuestionsAndInputKept() async throws {
        try await withApp { app in
            let body = "vervoer=boot&opmerking=" + URLEncoding.percentEncode("<script>alert(1)</script>")
            let reply = try await app.client().request("POST", "/s/\(app.tokens["nl1"]!)", headers: formHeaders, body: Array(body.utf8))
            #expect(reply.status == 422)
            let html = reply.text
            #expect(html.contains("<title>Fout: Fietsenstalling op het plein</title>"))
            #expect(html.contains("<a href=\"#q-steun-0\">Steunt u de fietsenstalling?: Beantwoord deze vraag; zij is verplicht.</a>"))
            #expect(html.contains("<fieldset aria-describedby=\"q-steun-error\">"))
            #expect(html.contains("<p class=\"error\" id=\"q-vervoer-error\">"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>alert(1)"))
            let tally = try await app.server.context.database.responses.tally(surveyID: "fietsenstalling")
            #expect(tally.responded == 0)
        }
    }

    @Test func validAnswersAreStoredThenShownAgainForChanging() async throws {
        try await withApp { app in
            let client = try app.client()
            let path = "/s/\(app.tokens["nl2"]!)"
            let posted = try await client.request("POST", path, headers: formHeaders, body: Array("steun=4&vervoer=fiets&bewoner=ja".utf8))
            #expect(posted.status == 303)
            #expect(posted.header("Location") == path + "/bedankt?lang=nl")
            let thanks = try await client.request("GET", path + "/bedankt")
            #expect(thanks.status == 200 && thanks.text.contains("Uw antwoorden zijn opgeslagen."))
            #expect(thanks.text.contains("De buurtcoördinator beslist in januari."))
            let again = try await client.request("GET", path)
            #expect(again.text.contains("U heeft deze vragenlijst al ingevuld."))
            #expect(again.text.contains("value=\"4\" checked"))
            #expect(again.text.contains("value=\"fiets\" checked"))
            let replaced = try await client.request("POST", path, headers: formHeaders, body: Array("steun=1".utf8))
            #expect(replaced.header("Location") == path + "/bedankt?lang=nl&vervangen=1")
            let replacedThanks = try await client.request("GET", path + "/bedankt?vervangen=1")
            #expect(replacedThanks.text.contains("vervangen"))
        }
    }

    /// The first page is rendered once per survey and language and then given each member's own link.
    @Test func everyMemberGetsTheSameFirstPageWithTheirOwnLink() async throws {
        try await withApp { app in
            let client = try app.client()
            let (one, two) = (app.tokens["nl1"]!, app.tokens["nl2"]!)
            let first = try await client.request("GET", "/s/\(one)").text
            let second = try await client.request("GET", "/s/\(two)").text
            #expect(first.contains("action=\"/s/\(one)\"") && first.contains("href=\"/s/\(one)/privacy?lang=nl\""))
            #expect(!first.contains(two) && !second.contains(one) && !first.contains("stand-in"))
            #expect(first.replacingOccurrences(of: one, with: two) == second)
            let english = try await client.request("GET", "/s/\(app.tokens["en1"]!)").text
            #expect(english.contains("<html lang=\"en\">") && english.contains("Do you support the bicycle parking?"))

            // Once answered, a member's page is their own again: with the answers and the notice.
            _ = try await client.request("POST", "/s/\(one)", headers: formHeaders, body: Array("steun=5".utf8))
            let answered = try await client.request("GET", "/s/\(one)").text
            #expect(answered.contains("U heeft deze vragenlijst al ingevuld.") && answered.contains("value=\"5\" checked"))
            #expect(try await client.request("GET", "/s/\(two)").text == second)
        }
    }

    @Test func aClosedSurveyTakesNoAnswers() async throws {
        try await withApp { app in
            let client = try app.client()
            let page = try await client.request("GET", "/s/\(app.closedToken)")
            #expect(page.status == 200 && page.text.contains("is gesloten"))
            let posted = try await client.request("POST", "/s/\(app.closedToken)", headers: formHeaders, body: Array("eens=ja".utf8))
            #expect(posted.text.contains("is gesloten"))
            #expect(try await app.server.context.database.responses.tally(surveyID: "oud").responded == 0)
        }
    }

    @Test func unknownAndMalformedLinksGetTheSamePlain404() async throws {
        try await withApp { app in
            let client = try app.client()
            let unknown = try await client.request("GET", "/s/" + String(repeating: "x", count: 43))
            let malformed = try await client.request("GET", "/s/abc")
            let posted = try await client.request("POST", "/s/abc", headers: formHeaders, body: Array("steun=4".utf8))
            let elsewhere = try await client.request("GET", "/nergens")
            #expect([unknown, malformed, posted, elsewhere].allSatisfy { $0.status == 404 })
            #expect(Set([unknown.text, malformed.text, posted.text, elsewhere.text]).count == 1)
            #expect(unknown.text.contains("Deze pagina bestaat niet"))
        }
    }
}

@Suite struct ResultsAPITests {
    @Test func resultsNeedAValidTokenAndCountExactly() async throws {
        try await withApp { app in
            let client = try app.client()
            for (member, value) in [("nl1", "5"), ("nl2", "2"), ("en1", "4")] {
                _ = try await client.request("POST", "/s/\(app.tokens[member]!)", headers: formHeaders, body: Array("steun=\(value)&vervoer=fiets".utf8))
            }
            let path = "/api/v1/surveys/fietsenstalling/results"
            #expect(try await client.request("GET", path).status == 401)
            let forged = try await client.request("GET", path, headers: [("Authorization", "Bearer dvk_" + String(repeating: "A", count: 43))])
            #expect(forged.status == 401 && forged.header("WWW-Authenticate") != nil)
            let token = try await app.server.context.database.apiTokens.create(role: "onderzoeker", label: "test", createdBy: "test").value
            let reply = try await client.request("GET", path, headers: [("Authorization", "Bearer \(token)")])
            #expect(reply.status == 200)
            let report = try JSONDecoder().decode(ResultsReport.self, from: Data(reply.body))
            #expect(report.invited == 3 && report.responded == 3)
            #expect(report.questions["steun"]?.counts == ["1": 0, "2": 1, "3": 0, "4": 1, "5": 1])
            #expect(report.questions["vervoer"]?.counts == ["fiets": 3, "auto": 0])
            #expect(report.questions["opmerking"]?.counts == nil)
            #expect(report.draagvlak?.supporters == 2 && report.draagvlak?.opponents == 1 && report.draagvlak?.verdict == .teWeinigRespons)
            let missing = try await client.request("GET", "/api/v1/surveys/bestaat-niet/results", headers: [("Authorization", "Bearer \(token)")])
            #expect(missing.status == 404 && missing.text.contains("\"error\""))
        }
    }
}

extension ResultsAPITests {
    /// Results are computed once per state of the database: asked again unchanged they come from the
    /// cache, and any commit (an answer here, or another process's write) makes the next ask recompute.
    @Test func resultsAreKeptUntilTheDatabaseChanges() async throws {
        try await withApp { app in
            let client = try app.client()
            let context = app.server.context
            let token = try await context.database.apiTokens.create(role: "onderzoeker", label: "test", createdBy: "test").value
            let path = "/api/v1/surveys/fietsenstalling/results"
            func results() async throws -> (ResultsReport, [UInt8]) {
                let reply = try await client.request("GET", path, headers: [("Authorization", "Bearer \(token)")])
                #expect(reply.status == 200)
                return (try JSONDecoder().decode(ResultsReport.self, from: Data(reply.body)), reply.body)
            }
            _ = try await client.request("POST", "/s/\(app.tokens["nl1"]!)", headers: formHeaders, body: Array("steun=5".utf8))
            let (first, firstBytes) = try await results()
            let computed = context.results.computations
            let (_, again) = try await results()
            #expect(again == firstBytes && context.results.computations == computed)
            #expect(first.responded == 1)

            _ = try await client.request("POST", "/s/\(app.tokens["nl2"]!)", headers: formHeaders, body: Array("steun=2".utf8))
            let (second, _) = try await results()
            #expect(second.responded == 2 && second.questions["steun"]?.counts?["2"] == 1)
            #expect(context.results.computations == computed + 1)

            // A write by another connection, as a `draagvlak` command next to the server makes: the
            // cached report no longer stands for the database, so it is computed again.
            let other = try DraagvlakDatabase(path: context.database.path)
            let invitedBefore = second.invited
            let later = Member(id: "later", email: "later@example.org", wijk: "Centrum", gender: .vrouw, language: "nl")
            try await other.members.upsert([later])
            _ = try await other.invitations.issue(surveyID: "fietsenstalling", to: [later])
            try other.close()
            let (third, _) = try await results()
            #expect(third.invited == invitedBefore + 1)
            #expect(context.results.computations == computed + 2)
        }
    }
}

@Suite struct StaticFileTests {
    @Test func stylesheetIsServedAndNothingOutsideTheFolder() async throws {
        try await withApp { app in
            let client = try app.client()
            let css = try await client.request("GET", "/static/draagvlak.css")
            #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")
            #expect(try await client.request("GET", "/static/../Package.swift").status == 404)
            #expect(try await client.request("GET", "/static/%2e%2e/Package.swift").status == 404)
            #expect(try await client.request("GET", "/static/nope.css").status == 404)
        }
    }
}

@Suite struct ConfigurationTests {
    @Test func settingsAreCheckedAndSayWhereTheyCameFrom() throws {
        var configuration = AppConfiguration()
        try configuration.set("port", to: "9000", source: "test")
        #expect(configuration.port == 9000)
        #expect(throws: AppConfiguration.InvalidSetting.self) { try configuration.set("port", to: "99999", source: "test") }
        #expect(throws: AppConfiguration.InvalidSetting.self) { try configuration.set("public_url", to: "example.org", source: "test") }
        do {
            try configuration.set("colour", to: "blue", source: "draagvlak.yaml")
        } catch {
            #expect(error.description.hasPrefix("draagvlak.yaml: colour: unknown setting"))
        }
        try configuration.applyEnvironment(["DRAAGVLAK_PUBLIC_URL": "https://panel.example.org/"])
        #expect(configuration.link(forToken: "abc") == "https://panel.example.org/s/abc")
    }
}

import Foundation
import Logging
import MicroHTTP
import Panel
import Secrets
import Storage
import Surveys
import Synchronization
import TestSupport
import Testing
@testable import Web

/// Letters to addresses on the square of the open test survey: two in the Geraniumbuurt.
func issueLetters(_ app: RunningApp, surveyID: String = "fietsenstalling", count: Int = 2) async throws -> [LetterService.Letter] {
    let addresses = (1...count).map {
        LetterAddress(straat: "Plein", huisnummer: $0, postcode: "1215 AB", woonplaats: "Hilversum", wijk: "Oost", buurt: "Geraniumbuurt")
    }
    return try await LetterService(context: app.server.context).issue(surveyID: surveyID, addresses: addresses).letters
}

@Suite struct LetterCodePageTests {
    @Test func theShortLinkAsksForTheCodeWithALabelAndHint() async throws {
        try await withApp { app in
            let client = try app.client()
            let page = try await client.request("GET", "/c")
            #expect(page.status == 200)
            #expect(page.text.contains("<html lang=\"nl\">") && page.text.contains("<h1>Code uit uw brief invullen</h1>"))
            #expect(page.text.contains("<label for=\"code\">Code uit uw brief</label>"))
            #expect(page.text.contains("id=\"code\" name=\"code\"") && page.text.contains("aria-describedby=\"code-hint\""))
            #expect(page.text.contains("autocomplete=\"off\"") && page.text.contains("maxlength=\"64\""))
            let english = try await client.request("GET", "/c?lang=en")
            #expect(english.text.contains("<html lang=\"en\">") && english.text.contains("Enter the code from your letter"))
        }
    }

    @Test func aTypedCodeInAnyFormLeadsToItsSurvey() async throws {
        try await withApp { app in
            let letter = try await issueLetters(app)[0]
            let typed = " " + letter.code.canonical.lowercased().prefix(8) + " " + letter.code.canonical.lowercased().dropFirst(8)
            let reply = try await app.client().request("POST", "/c", headers: formHeaders,
                                                       body: Array("code=\(URLEncoding.percentEncode(String(typed)))&_lang=nl".utf8))
            #expect(reply.status == 303)
            #expect(reply.header("Location") == "/c/\(letter.code.formatted)?lang=nl")
            #expect(letter.link == app.server.context.configuration.publicURL + "/c/" + letter.code.formatted)
        }
    }

    @Test func aWrongCodeSaysSoAndKeepsWhatWasTyped() async throws {
        try await withApp { app in
            let client = try app.client()
            let body = "code=" + URLEncoding.percentEncode("<b>K7QM-4XPD</b>")
            let wrong = try await client.request("POST", "/c", headers: formHeaders, body: Array(body.utf8))
            #expect(wrong.status == 404)
            #expect(wrong.text.contains("Deze code is niet geldig. Controleer de code in uw brief"))
            #expect(wrong.text.contains("value=\"&lt;b&gt;K7QM-4XPD&lt;/b&gt;\"") && wrong.text.contains("aria-invalid=\"true\""))
            #expect(wrong.text.contains("<title>Fout: Code uit uw brief invullen</title>"))
            let unknown = try await client.request("POST", "/c", headers: formHeaders, body: Array("code=K7QM-4XPD-9TRW-H3CN".utf8))
            #expect(unknown.status == 404 && unknown.text.contains("Deze code is niet geldig"))
            let huge = try await client.request("POST", "/c", headers: formHeaders, body: Array(("code=" + String(repeating: "A", count: 200)).utf8))
            #expect(huge.status == 413, "the code field is bounded")
        }
    }
}

@Suite struct AnsweringByLetterTests {
    @Test func aResidentAnswersByCodeAndIsCountedApartFromThePanel() async throws {
        try await withApp { app in
            let letters = try await issueLetters(app)
            let client = try app.client()
            let path = "/c/\(letters[0].code.formatted)"
            let form = try await client.request("GET", path)
            #expect(form.status == 200)
            #expect(form.text.contains("Steunt u de fietsenstalling?") && form.text.contains("action=\"\(path)\""))
            #expect(form.text.contains("Uw antwoorden worden niet bij uw adres bewaard"))
            #expect(!form.text.contains("/privacy"), "a letter has no member whose data could be shown")
            let english = try await client.request("GET", path + "?lang=en")
            #expect(english.text.contains("Do you support the bicycle parking?"))

            let invalid = try await client.request("POST", path, headers: formHeaders, body: Array("vervoer=boot".utf8))
            #expect(invalid.status == 422 && invalid.text.contains("Beantwoord deze vraag; zij is verplicht."))
            let posted = try await client.request("POST", path, headers: formHeaders, body: Array("steun=5&vervoer=fiets".utf8))
            #expect(posted.status == 303 && posted.header("Location") == path + "/bedankt?lang=nl")
            let thanks = try await client.request("GET", path + "/bedankt?lang=nl")
            #expect(thanks.status == 200 && thanks.text.contains("Uw antwoorden zijn opgeslagen."))
            #expect(thanks.text.contains("Vul dan dezelfde code uit uw brief opnieuw in") && !thanks.text.contains("/privacy"))
            let again = try await client.request("GET", path)
            #expect(again.text.contains("U heeft deze vragenlijst al ingevuld.") && again.text.contains("value=\"5\" checked"))
            let lowercase = try await client.request("GET", "/c/\(letters[0].code.canonical.lowercased())")
            #expect(lowercase.status == 200 && lowercase.text.contains("value=\"5\" checked"), "the typed-link variant needs no dashes or capitals")

            // A panel member answers too; the panel's figures hold the member only.
            _ = try await client.request("POST", "/s/\(app.tokens["nl1"]!)", headers: formHeaders, body: Array("steun=1".utf8))
            let token = try await app.server.context.database.apiTokens.create(role: "onderzoeker", label: "test", createdBy: "test").value
            let reply = try await client.request("GET", "/api/v1/surveys/fietsenstalling/results", headers: [("Authorization", "Bearer \(token)")])
            let report = try JSONDecoder().decode(ResultsReport.self, from: Data(reply.body))
            #expect(report.invited == 3 && report.responded == 1)
            #expect(report.questions["steun"]?.counts == ["1": 1, "2": 0, "3": 0, "4": 0, "5": 0])
            #expect(report.draagvlak?.n == 1 && report.draagvlak?.supporters == 0)
            #expect(report.responseByWijk?["Centrum"]?.invited == 3 && report.responseByWijk?["Oost"] == nil)
            let block = try #require(report.letters)
            #expect(block.issued == 2 && block.responded == 1 && block.responseRate == 0.5)
            #expect(block.support?.n == 1 && block.support?.supporters == 1 && block.support?.weighted == false)
            #expect(block.support?.intervalMethod == "wilson" && block.support?.ci95?[1] == 1)
            #expect(block.byArea == [.init(wijk: "Oost", buurt: "Geraniumbuurt", issued: 2, suppressed: true)])
            let json = String(decoding: reply.body, as: UTF8.self)
            #expect(json.contains("\"letters\"") && json.contains("\"by_area\""))

            let page = try #require(try await ReportPage.html(app.server.context, surveyID: "fietsenstalling"))
            #expect(page.contains("Bewoners met een brief (buiten het panel)") && page.contains("1 van de 2 adressen"))
            #expect(page.contains("Oost – Geraniumbuurt") && page.contains("&lt; 10"))
        }
    }

    @Test func wrongRevokedAndMalformedCodesGetOnePageAndAClosedSurveysCodes410() async throws {
        try await withApp { app in
            let letters = try await issueLetters(app)
            let database = app.server.context.database
            #expect(try await database.letters.revoke(surveyID: "fietsenstalling", code: letters[1].code))
            let client = try app.client()
            let revoked = try await client.request("GET", "/c/\(letters[1].code.formatted)")
            let unknown = try await client.request("GET", "/c/K7QM-4XPD-9TRW-H3CN")
            let malformed = try await client.request("GET", "/c/K7QM-0OIL")
            let posted = try await client.request("POST", "/c/\(letters[1].code.formatted)", headers: formHeaders, body: Array("steun=4".utf8))
            let thanks = try await client.request("GET", "/c/\(letters[1].code.formatted)/bedankt")
            #expect([revoked, unknown, malformed, posted, thanks].allSatisfy { $0.status == 404 })
            #expect(Set([revoked.text, unknown.text, malformed.text, posted.text, thanks.text]).count == 1)
            #expect(revoked.text.contains("Deze code is niet geldig"))
            #expect(try await database.responses.tally(surveyID: "fietsenstalling", channel: .letter).responded == 0)

            // The closed survey: its codes have expired.
            let closed = try await database.letters.issue(
                surveyID: "oud", letters: [.init(addressKey: "1215AB|1|", wijk: "Oost", buurt: nil)]).issued[0].code
            let expired = try await client.request("GET", "/c/\(closed.formatted)")
            #expect(expired.status == 410 && expired.text.contains("Deze code is verlopen") && expired.text.contains("/uitkomsten/oud"))
            let typed = try await client.request("POST", "/c", headers: formHeaders, body: Array("code=\(closed.canonical)".utf8))
            #expect(typed.status == 410)
            await #expect(throws: LetterService.LetterError.self) { try await issueLetters(app, surveyID: "oud") }
        }
    }

    @Test func aMultiPageSurveyWorksByCodeAsByLink() async throws {
        let paged = """
            id: tweeluik
            kind: enquete
            title: Twee pagina's
            closes: 2099-12-31
            pages:
              - title: Eerst
                questions:
                  - {id: eens, type: yesno, text: Eens?, required: true}
              - title: Dan
                questions:
                  - {id: waarom, type: text, text: Waarom?, max_length: 40}
            """
        try await withApp(extraSurveys: ["tweeluik": paged]) { app in
            let letter = try await issueLetters(app, surveyID: "tweeluik", count: 1)[0]
            let client = try app.client()
            let path = "/c/\(letter.code.formatted)"
            let first = try await client.request("POST", path, headers: formHeaders, body: Array("_page=0&_action=next&eens=ja".utf8))
            #expect(first.status == 200 && first.text.contains("Stap 2 van 2") && first.text.contains("name=\"eens\" value=\"ja\""))
            let done = try await client.request("POST", path, headers: formHeaders, body: Array("_page=1&_action=submit&eens=ja&waarom=Mooi".utf8))
            #expect(done.status == 303)
            let tally = try await app.server.context.database.responses.tally(surveyID: "tweeluik", channel: .letter)
            #expect(tally.responded == 1 && tally.valueCounts["waarom"] == ["Mooi": 1])
        }
    }
}

/// Log lines, kept for a test to read.
final class RecordedLog: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "recorded") { _ in Handler(log: self) }
    }

    struct Handler: LogHandler {
        let log: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            log.lines.withLock { $0.append(event.message.description) }
        }
    }
}

@Suite struct LetterAccessLogTests {
    @Test func theAccessLogNeverHoldsACode() async throws {
        let recorded = RecordedLog()
        try await withApp(logger: recorded.logger) { app in
            let code = try await issueLetters(app)[0].code
            let client = try app.client()
            _ = try await client.request("GET", "/c/\(code.formatted)")
            _ = try await client.request("GET", "/c/\(code.canonical.lowercased())?lang=en")
            _ = try await client.request("POST", "/c/\(code.formatted)", headers: formHeaders, body: Array("steun=4".utf8))
            _ = try await client.request("GET", "/c/\(code.formatted)/bedankt?lang=nl")
            _ = try await client.request("POST", "/c", headers: formHeaders, body: Array("code=\(code.canonical)".utf8))
            _ = try await client.request("GET", "/c/K7QM-4XPD-9TRW-H3CN")
            // Shorter than a whole code, so only the /c/ rule (not the one for long segments) hides it.
            _ = try await client.request("GET", "/c/K7QM-4XPD")
        }
        let lines = recorded.lines.withLock { $0 }
        let access = lines.filter { $0.hasPrefix("GET /c") || $0.hasPrefix("POST /c") }
        #expect(access.count == 7, "\(lines)")
        #expect(access.filter { $0.hasPrefix("GET /c/… ") || $0.hasPrefix("POST /c/… ") || $0.hasPrefix("GET /c/…/bedankt ") }.count == 6)
        for line in lines {
            #expect(!line.uppercased().contains("K7QM"), "\(line)")
            #expect(!line.contains("bedankt?"), "no query strings: \(line)")
        }
    }
}

@Suite struct LetterFilesTests {
    @Test func mailMergeIsRFC4180WithFormulasNeutralisedAndOneLetterPerAddress() async throws {
        try await withApp { app in
            let service = LetterService(context: app.server.context)
            let addresses = [
                LetterAddress(straat: "=HYPERLINK(\"x\")", huisnummer: 1, postcode: "1215 AB", woonplaats: "Hilversum", buurt: nil),
                LetterAddress(straat: "Plein, oost", huisnummer: 2, toevoeging: "a", postcode: "1215 AB", woonplaats: "Hilversum",
                              wijk: "Oost", buurt: "Geraniumbuurt"),
            ]
            let summary = try await service.issue(surveyID: "fietsenstalling", addresses: addresses)
            let csv = service.mailMergeCSV(summary.letters)
            let lines = csv.components(separatedBy: "\r\n")
            #expect(lines[0] == "straat,huisnummer,toevoeging,postcode,woonplaats,buurt,wijk,code,link")
            #expect(lines[1] == "\"'=HYPERLINK(\"\"x\"\")\",1,,1215 AB,Hilversum,,,\(summary.letters[0].code.formatted),\(summary.letters[0].link)")
            #expect(lines[2].hasPrefix("\"Plein, oost\",2,a,1215 AB,Hilversum,Geraniumbuurt,Oost,"))
            #expect(lines.count == 4 && lines[3].isEmpty)

            let html = service.lettersHTML(summary)
            #expect(html.contains("@page { size: A4;"))
            #expect(html.components(separatedBy: "<article class=\"letter\">").count - 1 == 2)
            #expect(html.components(separatedBy: "<div class=\"qr\"><svg").count - 1 == 2)
            #expect(html.contains("aria-label=\"QR-code met de link naar de vragenlijst\""))
            for letter in summary.letters { #expect(html.components(separatedBy: letter.code.formatted).count - 1 == 2, "the code, and in the full link") }
            #expect(html.contains("&#61;HYPERLINK") || html.contains("=HYPERLINK(&quot;x&quot;)"), "addresses are escaped")
            #expect(html.contains("Gemeente Hilversum") && html.contains("Fietsenstalling op het plein"))
            #expect(html.contains("tot en met 31 december 2099") && html.contains("127.0.0.1:") && html.contains("/c</span>"))
            #expect(!html.contains("Prefer English?"), "only a survey with languages [nl, en] offers English")
        }
    }
}

@Suite struct LetterResultsTests {
    @Test func areasUnderTenRespondentsShowOnlyHowManyLettersWentThere() {
        let tally = ResponseRepository.Tally(invited: 30, responded: 14, answeredCount: ["steun": 13], valueCounts: ["steun": ["5": 8, "1": 5]])
        let progress = [
            LetterRepository.AreaProgress(wijk: "Oost", buurt: "Boomberg", issued: 10, responded: 3),
            LetterRepository.AreaProgress(wijk: "Oost", buurt: "Geraniumbuurt", issued: 20, responded: 11),
        ]
        var respondents: [LetterRepository.Respondent] = []
        for id in 0..<13 {
            let value = id < 7 || id >= 10 ? "5" : "1"
            respondents.append(.init(invitationID: Int64(id), values: [value], wijk: "Oost", buurt: id < 10 ? "Geraniumbuurt" : "Boomberg"))
        }
        let question = Question(id: "steun", text: "Steun?", type: .scale(Scale(min: 1, max: 5)), required: true,
                                support: SupportRule(supports: ["4", "5"], opposes: ["1", "2"]))
        let results = LetterResults(tally: tally, progress: progress, respondents: respondents, question: question)
        #expect(results.issued == 30 && results.responded == 14)
        #expect(results.support?.supporters == 8 && results.support?.n == 13 && results.support?.opponents == 5)
        #expect(results.byArea[0] == .init(wijk: "Oost", buurt: "Boomberg", issued: 10, suppressed: true))
        let shown = results.byArea[1]
        #expect(shown.responded == 11 && !shown.suppressed)
        #expect(shown.supportShare == 0.7 && shown.ci95 != nil, "7 of the 10 who answered the support question")
        let tooFew = LetterResults(tally: tally, progress: [progress[1]], respondents: Array(respondents.prefix(9)), question: question)
        #expect(tooFew.byArea[0].responded == 11 && tooFew.byArea[0].supportShare == nil, "11 responses but 9 support answers")
    }
}

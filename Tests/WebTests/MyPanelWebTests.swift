import Foundation
import Panel
import Storage
import Secrets
import Surveys
import Synchronization
import TestSupport
import Testing
@testable import Web

/// A buurttoetsing that has closed, with a support question and a low minimum so three answers
/// give a verdict.
let closedBuurttoetsing = """
    id: bankje
    kind: buurttoetsing
    title: {nl: Een bankje bij de vijver, en: A bench by the pond}
    feedback: {nl: De wijkwethouder besluit in maart., en: The district alderman decides in March.}
    verdict: {threshold: 0.5, min_n: 2}
    opens: 2020-01-01
    closes: 2020-02-01
    questions:
      - id: steun
        type: scale
        text: Steunt u het bankje?
        scale: {min: 1, max: 5}
        required: true
        support: {supports: [4, 5], opposes: [1, 2]}
    """

extension RunningApp {
    /// Answers `bankje` for the members given, with these scale values (as if while it was open).
    func answerBankje(_ answers: [String: String]) async throws {
        let entry = try #require(try await context.survey("bankje"))
        for (memberID, value) in answers {
            let invitation = try #require(try await database.invitations.find(token: extraTokens["bankje"]![memberID]!))
            _ = try await database.responses.save(invitationID: invitation.id, surveyID: "bankje", definitionHash: entry.hash,
                                                  answers: Answers(["steun": [value]]))
        }
    }
}

@Suite struct MyPanelPageTests {
    @Test func thePageListsTheSurveysTakenAndWhatWasDecided() async throws {
        try await withApp(extraSurveys: ["bankje": closedBuurttoetsing]) { app in
            try await app.answerBankje(["nl1": "5"])
            let client = try app.client()
            // The open survey, answered by link.
            let token = app.tokens["nl1"]!
            #expect(try await client.request("POST", "/s/\(token)", headers: formHeaders, body: form([("steun", "4")])).status == 303)

            var html = try await client.request("GET", "/s/\(token)/mijn-panel").text
            #expect(html.contains("<h3>Fietsenstalling op het plein</h3>") && html.contains("<h3>Een bankje bij de vijver</h3>"))
            #expect(html.contains("Deze vragenlijst loopt nog (tot en met 31 december 2099). De buurtcoördinator beslist in januari."))
            #expect(html.contains("Deze vragenlijst is gesloten.") && html.contains("De wijkwethouder besluit in maart."))

            _ = try await app.database.publications.publish(surveyID: "bankje", decisionNL: "Het bankje komt er in april.",
                                                            decisionEN: "The bench will be placed in April.", actor: "test")
            html = try await client.request("GET", "/s/\(token)/mijn-panel").text
            #expect(html.contains("<p>Het bankje komt er in april.</p>") && html.contains("href=\"/uitkomsten/bankje\""))
            let english = try await client.request("GET", "/s/\(app.extraTokens["bankje"]!["nl1"]!)/mijn-panel?lang=en").text
            #expect(english.contains("The bench will be placed in April.") && english.contains("Surveys you took part in"))

            // Someone who answered nothing sees that, not someone else's surveys.
            let other = try await client.request("GET", "/s/\(app.tokens["nl2"]!)/mijn-panel").text
            #expect(other.contains("U heeft nog geen vragenlijst ingevuld.") && !other.contains("bankje"))
        }
    }

    @Test func unknownAndMalformedLinksGetThePlain404() async throws {
        try await withApp { app in
            let client = try app.client()
            for path in ["/s/\(String(repeating: "A", count: 43))/mijn-panel", "/s/kort/mijn-panel", "/s/kort/bevestigen"] {
                let reply = try await client.request("GET", path)
                #expect(reply.status == 404 && reply.text.contains("Deze pagina bestaat niet"), "\(path)")
            }
            #expect(try await client.request("POST", "/s/kort/mijn-panel", headers: formHeaders, body: form([("wijk", "Oost")])).status == 404)
        }
    }

    @Test func membersUpdateTheirAreaAndLanguageAndOnlyTheFieldNamesAreLogged() async throws {
        let recorded = RecordedLog()
        try await withApp(logger: recorded.logger) { app in
            let client = try app.client()
            let token = app.tokens["nl1"]!
            let bad = try await client.request("POST", "/s/\(token)/mijn-panel", headers: formHeaders,
                                               body: form([("_lang", "nl"), ("wijk", "Atlantis"), ("postcode", "99"), ("language", "nl")]))
            #expect(bad.status == 422)
            #expect(bad.text.contains("Kies een wijk uit de lijst.") && bad.text.contains("name=\"postcode\" value=\"99\""))
            #expect(try await app.database.members.find("nl1")?.wijk == "Centrum")

            let good = try await client.request("POST", "/s/\(token)/mijn-panel", headers: formHeaders,
                                                body: form([("_lang", "nl"), ("wijk", "hilversumse meent"), ("postcode", "1223ab"), ("language", "en")]))
            #expect(good.status == 303 && good.header("Location") == "/s/\(token)/mijn-panel?bijgewerkt=1&lang=en")
            let member = try #require(try await app.database.members.find("nl1"))
            #expect(member.wijk == "Hilversumse Meent" && member.postcode == "1223 AB" && member.language == "en")
            let page = try await client.request("GET", try #require(good.header("Location"))).text
            #expect(page.contains("Your details have been updated.") && page.contains("<option selected>Hilversumse Meent</option>"))
            // GET changes nothing; only POST does.
            #expect(try await client.request("GET", "/s/\(token)/mijn-panel?wijk=Oost").status == 200)
            #expect(try await app.database.members.find("nl1")?.wijk == "Hilversumse Meent")
        }
        let lines = recorded.lines.withLock { $0 }
        #expect(lines.contains("member updated own details: wijk, postcode, language"), "\(lines)")
        for line in lines { #expect(!line.contains("Meent") && !line.contains("1223") && !line.contains("nl1"), "\(line)") }
    }

    @Test func aMembersOwnLinkOpensThePrivacyPagesButAnswersNoSurvey() async throws {
        try await withApp { app in
            let own = try await app.database.personalLinks.issue(memberID: "nl2", purpose: .reconfirm)
            let client = try app.client()
            let privacy = try await client.request("GET", "/s/\(own.value)/privacy")
            #expect(privacy.status == 200 && privacy.text.contains("href=\"/s/\(own.value)/mijn-panel\""))
            #expect(try await client.request("GET", "/s/\(own.value)/mijn-gegevens").text.contains("\"member_id\" : \"nl2\""))
            #expect(try await client.request("GET", "/s/\(own.value)").status == 404)
            #expect(try await client.request("POST", "/s/\(own.value)/afmelden").status == 200)
            #expect(try await app.database.members.active().map(\.id) == ["en1", "nl1"])
        }
    }
}

@Suite struct ReconfirmationWebTests {
    @Test func theConfirmLinkShowsAButtonAndThePostKeepsTheMemberOn() async throws {
        try await withApp { app in
            let now = Date()
            let service = ReconfirmationService(context: app.context)
            // A period of 0 days makes everyone due now; what matters below is the order of asking and confirming.
            let dry = try await service.run(periodDays: 0, send: false, now: now)
            #expect(dry.due == ["en1", "nl1", "nl2"] && !dry.sent)
            #expect(try await app.deliveredMail().isEmpty, "a dry run sends nothing")

            let asked = try await service.run(periodDays: 0, send: true, now: now)
            #expect(asked.due.count == 3)
            let mail = try await app.deliveredMail()
            #expect(mail.count == 3)
            let english = try #require(mail.first { $0.to.contains("c@example.org") })
            #expect(english.subject == "Are you still with the citizens' panel?")
            let dutch = try #require(mail.first { $0.to.contains("a@example.org") })
            #expect(dutch.subject == "Doet u nog mee met het burgerpanel?")
            let confirm = try #require(dutch.link(after: "http://127.0.0.1:8080/s/"))
            #expect(dutch.body.contains(confirm + "/bevestigen") && dutch.body.contains(confirm + "/afmelden"))

            let client = try app.client()
            let page = try await client.request("GET", path(of: confirm) + "/bevestigen")
            #expect(page.status == 200 && page.text.contains("Ja, ik blijf lid") && page.text.contains("method=\"post\""))
            #expect(try await app.database.members.standing("nl1")?.askedToReconfirm == true, "a GET confirms nothing")
            let personal = try await client.request("GET", path(of: confirm) + "/mijn-panel").text
            #expect(personal.contains("Wilt u lid blijven van het burgerpanel?"))
            let done = try await client.request("POST", path(of: confirm) + "/bevestigen")
            #expect(done.status == 200 && done.text.contains("U blijft lid van het burgerpanel"))
            #expect(try await app.database.members.standing("nl1")?.askedToReconfirm == false)

            // Forty days later the two who did not answer are switched off; nl1 stays.
            let later = try await service.run(periodDays: 0, graceDays: 30, send: true, now: now.addingTimeInterval(42 * 24 * 3600))
            #expect(later.overdue == ["en1", "nl2"])
            #expect(later.due == ["nl1"], "nl1 confirmed, so with a period of 0 days is due again")
            #expect(try await app.database.members.active().map(\.id) == ["nl1"])
            // A lapsed member who confirms after all is back.
            let englishLink = try #require(english.link(after: "http://127.0.0.1:8080/s/"))
            #expect(try await client.request("GET", path(of: englishLink) + "/mijn-panel").text.contains("Would you like to take part again?"))
            #expect(try await client.request("POST", path(of: englishLink) + "/bevestigen").text.contains("You stay on the citizens"))
            #expect(try await app.database.members.active().map(\.id) == ["en1", "nl1"])
        }
    }
}

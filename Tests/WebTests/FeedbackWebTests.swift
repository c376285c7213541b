import Foundation
import Storage
import Surveys
import TestSupport
import Testing
@testable import Web

@Suite struct FeedbackTests {
    @Test func nothingIsPublishedOrSentBeforeASurveyCloses() async throws {
        try await withApp { app in
            let service = FeedbackService(context: app.context)
            await #expect(throws: FeedbackService.PublishError.self) {
                _ = try await service.publish(surveyID: "fietsenstalling", decisionNL: "Ja.", actor: "test")
            }
            await #expect(throws: FeedbackService.PublishError.self) {
                _ = try await service.publish(surveyID: "bestaat-niet", decisionNL: "Ja.", actor: "test")
            }
            await #expect(throws: FeedbackService.PublishError.self) {
                _ = try await service.publish(surveyID: "oud", decisionNL: "  \n ", actor: "test")
            }
            await #expect(throws: FeedbackService.PublishError.self) {
                _ = try await service.publish(surveyID: "oud", decisionNL: String(repeating: "x", count: FeedbackService.maxDecisionLength + 1), actor: "test")
            }
            let published = try await app.database.publications.find(surveyIDs: ["fietsenstalling", "oud"])
            #expect(published.isEmpty)
            let mail = try await app.deliveredMail()
            #expect(mail.isEmpty)
        }
    }

    @Test func respondentsHearTheOutcomeAndDecisionOnceInTheirLanguage() async throws {
        try await withApp(extraSurveys: ["bankje": closedBuurttoetsing]) { app in
            try await app.answerBankje(["nl1": "5", "nl2": "4", "en1": "1"])
            let decisionNL = "Het bankje komt er in april.\n\nDe gemeente plaatst het naast de vijver."
            let service = FeedbackService(context: app.context)
            let first = try await service.publish(surveyID: "bankje", decisionNL: decisionNL, decisionEN: "The bench comes in April.",
                                                  actor: "test", deliverNow: false)
            #expect(first.firstPublication && first.queuedToRespondents == 3 && first.queuedToInvitees == 0)

            let report = try #require(try await ResultsReport.current(app.context, surveyID: "bankje"))
            let draagvlak = try #require(report.draagvlak)
            let share = OutcomeText.percent(try #require(draagvlak.supportShare))
            let lower = OutcomeText.percent(draagvlak.ci95![0]), upper = OutcomeText.percent(draagvlak.ci95![1])
            #expect(draagvlak.supportShareUnweighted == 2.0 / 3.0, "two of three support")

            let mail = try await app.deliveredMail()
            #expect(mail.count == 3)
            let dutch = try #require(mail.first { $0.to.contains("a@example.org") })
            #expect(dutch.subject == "Wat er met uw mening is gedaan: Een bankje bij de vijver")
            #expect(dutch.body.contains("3 van de 3 uitgenodigde panelleden vulden de vragenlijst in."))
            #expect(dutch.body.contains("Van de 3 mensen die de vraag over steun beantwoordden, is \(share) voor"))
            #expect(dutch.body.contains("Met 95% zekerheid ligt de steun tussen \(lower) en \(upper)."))
            #expect(dutch.body.contains(decisionNL.replacingOccurrences(of: "\n", with: "\r\n")))
            #expect(dutch.body.contains("Vooraf schreven wij: De wijkwethouder besluit in maart."))
            #expect(dutch.body.contains("http://127.0.0.1:8080/uitkomsten/bankje"))
            let english = try #require(mail.first { $0.to.contains("c@example.org") })
            #expect(english.subject == "What was done with your opinion: A bench by the pond")
            #expect(english.body.contains("The bench comes in April.") && english.body.contains("Of the 3 people who answered"))

            // The personal link in the message opens the member's page, which shows the decision.
            let link = try #require(dutch.link(after: "http://127.0.0.1:8080/s/"))
            #expect(dutch.body.contains(link + "/mijn-panel") && dutch.body.contains(link + "/afmelden"))
            let page = try await app.client().request("GET", path(of: link) + "/mijn-panel").text
            #expect(page.contains("Het bankje komt er in april."))

            // Publishing again corrects the decision and sends nothing; invitees on request only.
            let again = try await service.publish(surveyID: "bankje", decisionNL: "Het bankje komt er in mei.", actor: "test")
            #expect(!again.firstPublication && again.queuedToRespondents == 0)
            #expect(try await app.deliveredMail().count == 3, "nobody gets it twice")
            #expect(try await app.database.publications.find("bankje")?.decisionNL == "Het bankje komt er in mei.")
        }
    }

    @Test func inviteesWhoDidNotAnswerHearItWhenAskedOrConfigured() async throws {
        try await withApp(extraSurveys: ["bankje": closedBuurttoetsing], configure: { $0.feedbackAllInvitees = true }) { app in
            try await app.answerBankje(["nl1": "5"])
            try await app.database.members.unsubscribe("nl2")
            let summary = try await FeedbackService(context: app.context).publish(surveyID: "bankje", decisionNL: "Geen bankje.", actor: "test")
            #expect(summary.queuedToRespondents == 1 && summary.queuedToInvitees == 1, "nl2 unsubscribed and gets nothing")
            let mail = try await app.deliveredMail()
            let invitee = try #require(mail.first { $0.to.contains("c@example.org") })
            #expect(invitee.subject == "The outcome of A bench by the pond")
            #expect(invitee.body.contains("You were invited to"))
        }
    }

    @Test func thePublicResultsPageShowsTheDecisionOncePublished() async throws {
        try await withApp(extraSurveys: ["bankje": closedBuurttoetsing]) { app in
            try await app.answerBankje(["nl1": "5", "nl2": "4"])
            let client = try app.client()
            let before = try await client.request("GET", "/uitkomsten/bankje")
            #expect(before.status == 200 && !before.text.contains("Wat de gemeente besloot"))
            _ = try await FeedbackService(context: app.context).publish(
                surveyID: "bankje", decisionNL: "Het bankje komt er.\n\nPlaatsing in april.", actor: "test", deliverNow: false)
            let after = try await client.request("GET", "/uitkomsten/bankje").text
            #expect(after.contains("<h2 id=\"decision-title\">Wat de gemeente besloot</h2>"))
            #expect(after.contains("<p>Het bankje komt er.</p>\n<p>Plaatsing in april.</p>"))
            #expect(after.contains("Gepubliceerd op"))
        }
    }
}

@Suite struct OutcomeTextTests {
    func report(share: Double?, n: Int, verdict: String, weighted: Bool = false) throws -> ResultsReport {
        let json = """
            {"survey": "x", "title": "X", "kind": "poll", "invited": 40, "responded": \(n), "response_rate": 0.5, "questions": {},
             "draagvlak": {"question": "steun", "n": \(n), "supporters": 1, "opponents": 1, \(share.map { "\"support_share\": \($0), \"ci95\": [\($0 - 0.1), \($0 + 0.1)]," } ?? "")
               "weighted": \(weighted), "weighting": {"applied": \(weighted), "variables": ["wijk", "age_band", "gender"]},
               "threshold": 0.5, "min_n": 30, "verdict": "\(verdict)"}}
            """
        return try JSONDecoder().decode(ResultsReport.self, from: Data(json.utf8))
    }

    @Test func theSentencesSayTheShareTheMarginAndTheVerdictInPlainWords() throws {
        let lines = OutcomeText.sentences(try report(share: 0.654, n: 36, verdict: "voldoende", weighted: true), .nl)
        #expect(lines == [
            "36 van de 40 uitgenodigde panelleden vulden de vragenlijst in.",
            "Van de 36 mensen die de vraag over steun beantwoordden, is 65% voor (gewogen naar wijk, leeftijd en geslacht, zodat de antwoorden alle inwoners weerspiegelen). Met 95% zekerheid ligt de steun tussen 55% en 75%.",
            "Dat is voldoende draagvlak: ook de laagste waarde ligt boven de grens van 50%.",
        ])
        let few = OutcomeText.sentences(try report(share: 0.8, n: 5, verdict: "te_weinig_respons"), .en)
        #expect(few.last == "That is too few answers to judge the support: at least 30 are needed.")
        #expect(few[1] == "Of the 5 people who answered the question about support, 80% are in favour. With 95% certainty, support lies between 70% and 90%.")
        #expect(OutcomeText.sentences(try report(share: nil, n: 0, verdict: "te_weinig_respons"), .nl).last == "Niemand beantwoordde de vraag over steun.")
        #expect(OutcomeText.percent(0.125) == "13%" && OutcomeText.percent(0) == "0%" && OutcomeText.percent(1) == "100%")
    }
}

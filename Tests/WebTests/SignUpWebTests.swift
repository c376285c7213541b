import Foundation
import Panel
import Secrets
import Storage
import Synchronization
import TestSupport
import Testing
@testable import Web

/// A complete, valid sign-up form.
func signUpForm(email: String = "nieuw@example.org", language: String = "nl", extra: [(String, String)] = []) -> [UInt8] {
    form([("_lang", "nl"), ("email", email), ("wijk", "Oost"), ("postcode", "1222 ab"), ("birth_year", "1988"),
          ("gender", "onbekend"), ("language", language), ("consent", "ja"), ("website", "")] + extra)
}

@Suite struct SignUpPageTests {
    @Test func theFormLabelsEveryFieldHidesTheHoneypotAndStatesPurposeAndRetention() async throws {
        try await withApp { app in
            let reply = try await app.client().request("GET", "/panel/aanmelden")
            #expect(reply.status == 200)
            let html = reply.text
            for field in ["veld-email", "veld-wijk", "veld-postcode", "veld-birth_year", "veld-code", "veld-consent-ja"] {
                #expect(html.contains("<label for=\"\(field)\">"), "label for \(field)")
            }
            #expect(html.contains("<legend>Geslacht"))
            #expect(html.contains("<label for=\"veld-gender-3\">Zeg ik liever niet</label>"))
            #expect(html.components(separatedBy: "<option>").count - 1 == app.context.gemeente.wijken.count)
            // The honeypot: out of sight, out of the accessibility tree, out of the tab order.
            #expect(html.contains("<div class=\"signup-extra\" aria-hidden=\"true\">"))
            #expect(html.contains("name=\"website\" value=\"\" tabindex=\"-1\" autocomplete=\"off\""))
            #expect(html.contains("alleen voor het burgerpanel") && html.contains("zolang u lid bent") && html.contains("binnen 7 dagen"))
            #expect(html.contains("maxlength=\"254\"") && html.contains("maxlength=\"4\""))

            let english = try await app.client().request("GET", "/panel/aanmelden?lang=en").text
            #expect(english.contains("<html lang=\"en\">") && english.contains("Join the citizens") && english.contains("rather not say</label>"))
        }
    }

    @Test func aRecruitmentLettersLinkFillsInTheCodeAndNothingElse() async throws {
        try await withApp { app in
            let code = try await app.database.recruitmentCodes.issue(1)[0]
            let html = try await app.client().request("GET", "/panel/aanmelden/\(code.canonical.lowercased())").text
            #expect(html.contains("name=\"code\" value=\"\(code.formatted)\""))
            #expect(html.contains("name=\"email\" value=\"\""))
            let junk = try await app.client().request("GET", "/panel/aanmelden/%3Cscript%3E").text
            #expect(junk.contains("name=\"code\" value=\"\""), "what is not a code is not echoed")
        }
    }
}

@Suite struct SignUpFlowTests {
    @Test func signingUpMailsALinkThatMakesTheMemberOnce() async throws {
        try await withApp { app in
            let client = try app.client()
            let before = try await app.database.members.count()
            let reply = try await client.request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm(language: "en"))
            #expect(reply.status == 303)
            #expect(reply.header("Location") == "/panel/aanmelden/verstuurd?lang=nl")
            #expect(try await client.request("GET", "/panel/aanmelden/verstuurd?lang=nl").text.contains("Kijk in uw e-mail"))
            #expect(try await app.database.members.count() == before, "no member before confirmation")

            let mail = try await app.deliveredMail()
            #expect(mail.count == 1)
            #expect(mail[0].to == "<nieuw@example.org>" || mail[0].to.contains("nieuw@example.org"))
            #expect(mail[0].subject == "Please confirm: joining the citizens' panel", "in the language chosen on the form")
            let link = try #require(mail[0].link(after: "http://127.0.0.1:8080/panel/bevestigen/"))

            // Opening the link confirms nothing (mail scanners open links); the button does.
            let page = try await client.request("GET", path(of: link))
            #expect(page.status == 200 && page.text.contains("Yes, I want to join") && page.text.contains("method=\"post\""))
            #expect(try await app.database.members.count() == before)
            let confirmed = try await client.request("POST", path(of: link))
            #expect(confirmed.status == 303)
            let welcome = try #require(confirmed.header("Location"))
            #expect(welcome.hasPrefix("/s/") && welcome.contains("/mijn-panel?welkom=1&lang=en"))
            #expect(try await app.database.members.count() == before + 1)
            let personal = try await client.request("GET", welcome)
            #expect(personal.status == 200)
            #expect(personal.text.contains("Welcome to the citizens' panel!") && personal.text.contains("You have not answered a survey yet."))

            let again = try await client.request("POST", path(of: link))
            #expect(again.status == 404 && again.text.contains("Deze link werkt niet"), "a link works once")
            #expect(try await client.request("GET", path(of: link)).status == 404)
            #expect(try await app.database.members.count() == before + 1)
        }
    }

    @Test func anExpiredLinkIsRefusedWith410() async throws {
        try await withApp { app in
            let application = SignUpApplication(email: "laat@example.org", wijk: "Centrum", postcode: nil, birthYear: 1970, gender: .vrouw, language: "nl")
            guard case .pending(let token, _) = try await app.database.signUps.submit(
                application, code: nil, now: Date().addingTimeInterval(-8 * 24 * 3600))
            else {
                Issue.record("not pending")
                return
            }
            let client = try app.client()
            let page = try await client.request("GET", "/panel/bevestigen/\(token.value)")
            #expect(page.status == 410 && page.text.contains("Deze link is verlopen") && page.text.contains("href=\"/panel/aanmelden?lang=nl\""))
            #expect(try await client.request("POST", "/panel/bevestigen/\(token.value)").status == 410)
            #expect(try await client.request("POST", "/panel/bevestigen/\(token.value)").status == 404, "and its data is gone")
            #expect(try await app.database.members.count(activeOnly: false) == 3)
        }
    }

    @Test func mistakesComeBackWithTheTypedValuesAndAMessageAtEachField() async throws {
        try await withApp { app in
            let body = form([("_lang", "nl"), ("email", "geen-adres"), ("wijk", "Atlantis"), ("postcode", "12"), ("birth_year", "2015"),
                             ("language", "nl"), ("code", "fout"), ("website", "")])
            let reply = try await app.client().request("POST", "/panel/aanmelden", headers: formHeaders, body: body)
            #expect(reply.status == 422)
            let html = reply.text
            #expect(html.contains("<title>Fout: Aanmelden voor het burgerpanel</title>"))
            #expect(html.contains("<div class=\"error-summary\" role=\"alert\""))
            for anchor in ["veld-email", "veld-wijk", "veld-postcode", "veld-birth_year", "veld-gender", "veld-code", "veld-consent"] {
                #expect(html.contains("<a href=\"#\(anchor)\">"), "summary links to \(anchor)")
            }
            #expect(html.contains("Het burgerpanel is voor inwoners van 18 jaar en ouder."))
            #expect(html.contains("name=\"email\" value=\"geen-adres\"") && html.contains("aria-invalid=\"true\""))
            #expect(html.contains("name=\"code\" value=\"fout\""))
            #expect(try await app.database.outbox.statusCounts()["queued"] == 0)
            #expect(try await app.database.signUps.pendingCount() == 0)
        }
    }

    @Test func aFilledHoneypotAndAMembersAddressGetTheSamePageAndNoMail() async throws {
        try await withApp { app in
            let client = try app.client()
            let bot = try await client.request("POST", "/panel/aanmelden", headers: formHeaders,
                                               body: signUpForm(email: "bot@example.org", extra: [("website", "http://spam.example")]))
            let member = try await client.request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm(email: "A@example.org"))
            for reply in [bot, member] {
                #expect(reply.status == 303 && reply.header("Location") == "/panel/aanmelden/verstuurd?lang=nl")
            }
            #expect(try await app.deliveredMail().isEmpty)
            #expect(try await app.database.signUps.pendingCount() == 0)
        }
    }

    @Test func oneAddressCannotBeSentMoreThanThreeConfirmations() async throws {
        try await withApp { app in
            let client = try app.client()
            for _ in 0..<5 {
                #expect(try await client.request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm()).status == 303)
            }
            #expect(try await app.deliveredMail().count == SignUpRepository.maxPendingPerAddress)
        }
    }

    @Test func eachClientAddressHasItsRateLimit() async throws {
        try await withApp(configure: { $0.signupLimitPerHour = 2 }) { app in
            let client = try app.client()
            for n in 1...2 {
                #expect(try await client.request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm(email: "p\(n)@example.org")).status == 303)
            }
            let refused = try await client.request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm(email: "p3@example.org"))
            #expect(refused.status == 429)
            #expect(refused.text.contains("Probeer het over 30 minuten opnieuw."), "two an hour: one back after 30 minutes")
            #expect((1790...1800).contains(Int(refused.header("Retry-After") ?? "") ?? 0), "about half an hour, rounded by the clock")
            #expect(try await app.deliveredMail().count == 2)
            // Reading the form is not limited.
            #expect(try await client.request("GET", "/panel/aanmelden").status == 200)
        }
    }

    @Test func behindATrustedProxyEachForwardedClientHasItsOwnSignUpLimit() async throws {
        try await withApp(configure: {
            $0.signupLimitPerHour = 1
            $0.trustedProxies = ["127.0.0.1"]
        }) { app in
            let proxy = try app.client()
            func signUp(_ email: String, from client: String) async throws -> Int {
                try await proxy.request("POST", "/panel/aanmelden", headers: formHeaders + [("X-Forwarded-For", client)],
                                        body: signUpForm(email: email)).status
            }
            #expect(try await signUp("a@example.org", from: "203.0.113.5") == 303)
            #expect(try await signUp("b@example.org", from: "203.0.113.5") == 429)
            #expect(try await signUp("c@example.org", from: "203.0.113.6") == 303, "another resident behind the same proxy")
            #expect(try await signUp("d@example.org", from: "2001:db8:1:2::7") == 303)
            #expect(try await signUp("e@example.org", from: "2001:db8:1:2::8") == 429, "one IPv6 /64 is one client")
        }
    }

    @Test func aLettersCodeIsUsedUpByTheConfirmation() async throws {
        try await withApp { app in
            let code = try await app.database.recruitmentCodes.issue(1)[0]
            let client = try app.client()
            let reply = try await client.request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm(extra: [("code", code.formatted.lowercased())]))
            #expect(reply.status == 303)
            let link = try #require(try await app.deliveredMail().first?.link(after: "http://127.0.0.1:8080/panel/bevestigen/"))
            #expect(try await client.request("POST", path(of: link)).status == 303)
            #expect(try await app.database.members.recruitmentCounts()["brief"] == 1)
            let reuse = try await client.request("POST", "/panel/aanmelden", headers: formHeaders,
                                                 body: signUpForm(email: "ander@example.org", extra: [("code", code.formatted)]))
            #expect(reuse.status == 422 && reuse.text.contains("Deze code is niet geldig of al gebruikt."))
        }
    }

    @Test func oversizedFormsAreRefused() async throws {
        try await withApp { app in
            let long = String(repeating: "a", count: 400) + "@example.org"
            let reply = try await app.client().request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm(email: long))
            #expect(reply.status == 413)
        }
    }

    @Test func theAccessLogNeverHoldsAConfirmationToken() async throws {
        let recorded = RecordedLog()
        try await withApp(logger: recorded.logger) { app in
            let client = try app.client()
            _ = try await client.request("POST", "/panel/aanmelden", headers: formHeaders, body: signUpForm())
            let link = try #require(try await app.deliveredMail().first?.link(after: "http://127.0.0.1:8080/panel/bevestigen/"))
            _ = try await client.request("GET", path(of: link))
            let confirmed = try await client.request("POST", path(of: link))
            _ = try await client.request("GET", try #require(confirmed.header("Location")))
            let token = String(link.split(separator: "/").last!)
            let lines = recorded.lines.withLock { $0 }
            #expect(lines.contains { $0.hasPrefix("POST /panel/bevestigen/… 303") }, "\(lines)")
            for line in lines {
                #expect(!line.contains(token) && !line.contains("nieuw@example.org") && !line.contains("1988"), "\(line)")
            }
        }
    }
}

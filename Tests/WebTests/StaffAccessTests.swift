import Foundation
import Initiatives
import MicroHTTP
import Secrets
import Storage
import TestSupport
import Testing
@testable import Web

@Suite struct StaffLoginTests {
    @Test func loginSetsAFreshSessionCookieWithTheRightAttributes() async throws {
        try await withApp { app in
            try await app.addAccount("anna", role: .onderzoeker)
            let client = try app.client()
            let form = try await client.request("GET", "/admin/login")
            let loginCookie = try #require(setCookies(form)[StaffLoginRoutes.loginCookie])
            #expect(Set(loginCookie.attributes).isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/admin/login"]))

            let reply = try await app.postLogin(client, "Anna", RunningApp.password)
            #expect(reply.status == 303 && reply.header("Location") == "/admin")
            let session = try #require(setCookies(reply)[StaffAccess.sessionCookie])
            #expect(session.value.hasPrefix("dvs_"))
            #expect(Set(session.attributes) == ["Path=/", "SameSite=Strict", "HttpOnly"])
            #expect(setCookies(reply)[StaffLoginRoutes.loginCookie]?.attributes.contains("Max-Age=0") == true)

            // Signing in again with that cookie in hand gives a new id and ends the old session.
            let again = try await app.postLogin(client, "anna", RunningApp.password, extraCookie: "\(StaffAccess.sessionCookie)=\(session.value)")
            let rotated = try #require(setCookies(again)[StaffAccess.sessionCookie]).value
            #expect(rotated != session.value)
            let old = try await client.request("GET", "/admin", headers: [("Cookie", "\(StaffAccess.sessionCookie)=\(session.value)")])
            #expect(old.status == 303 && old.header("Location") == "/admin/login")
            let home = try await client.request("GET", "/admin", headers: [("Cookie", "\(StaffAccess.sessionCookie)=\(rotated)")])
            #expect(home.status == 200 && home.text.contains("Medewerker anna") && home.text.contains("onderzoeker"))

            let entries = try await app.server.context.database.audit.entries()
            #expect(entries.filter { $0.action == "login.succeeded" }.map(\.subject) == ["account:anna", "account:anna"])
        }
    }

    @Test func theSessionCookieIsSecureBehindTLS() async throws {
        try await withApp(configure: { $0.publicURL = "https://panel.example.org" }) { app in
            try await app.addAccount("anna", role: .admin)
            let reply = try await app.postLogin(try app.client(), "anna", RunningApp.password)
            #expect(setCookies(reply)[StaffAccess.sessionCookie]?.attributes.contains("Secure") == true)
        }
    }

    @Test func aWrongPasswordAndAnUnknownUserLookTheSame() async throws {
        try await withApp { app in
            try await app.addAccount("anna", role: .onderzoeker)
            let client = try app.client()
            let wrong = try await app.postLogin(client, "anna", "niet het goede wachtwoord")
            let unknown = try await app.postLogin(client, "niemand", "niet het goede wachtwoord")
            #expect(wrong.status == 401 && unknown.status == 401)
            #expect(wrong.text.contains(StaffLoginRoutes.genericFailure) && unknown.text.contains(StaffLoginRoutes.genericFailure))
            #expect(setCookies(wrong)[StaffAccess.sessionCookie] == nil && setCookies(unknown)[StaffAccess.sessionCookie] == nil)

            let entries = try await app.server.context.database.audit.entries().filter { $0.action == "login.failed" }
            #expect(entries.map(\.subject) == ["account:anna", "account:(unknown)"])
            // Neither the password nor the unknown name typed is kept in the permanent log.
            #expect(!entries.contains { $0.details.contains("niet het goede") || $0.details.contains("niemand") || $0.subject.contains("niemand") })
        }
    }

    @Test func fiveFailuresLockTheAccountEvenForTheRightPassword() async throws {
        try await withApp { app in
            try await app.addAccount("anna", role: .onderzoeker)
            let client = try app.client()
            for _ in 1...4 {
                #expect(try await app.postLogin(client, "anna", "fout fout fout fout").status == 401)
            }
            let fifth = try await app.postLogin(client, "anna", "fout fout fout fout")
            #expect(fifth.status == 429 && fifth.text.contains("tijdelijk geblokkeerd"))
            let right = try await app.postLogin(client, "anna", RunningApp.password)
            #expect(right.status == 429 && right.text.contains("tijdelijk geblokkeerd"))
            #expect(setCookies(right)[StaffAccess.sessionCookie] == nil)
            let actions = try await app.server.context.database.audit.entries().map(\.action)
            #expect(actions.filter { $0 == "login.locked" }.count == 1)
            #expect(actions.filter { $0 == "login.failed" }.count == 6)
            #expect(!actions.contains("login.succeeded"))
        }
    }

    @Test func theLoginFormNeedsItsOwnToken() async throws {
        try await withApp { app in
            try await app.addAccount("anna", role: .onderzoeker)
            let client = try app.client()
            let (csrf, cookie) = try await app.loginForm(client)
            let credentials = [("username", "anna"), ("password", RunningApp.password)]
            let noCookie = try await client.request("POST", "/admin/login", headers: formHeaders, body: form([("_csrf", csrf)] + credentials))
            let noField = try await client.request(
                "POST", "/admin/login", headers: formHeaders + [("Cookie", "\(StaffLoginRoutes.loginCookie)=\(cookie)")], body: form(credentials))
            let other = try await client.request(
                "POST", "/admin/login", headers: formHeaders + [("Cookie", "\(StaffLoginRoutes.loginCookie)=\(cookie)")],
                body: form([("_csrf", csrf + "x")] + credentials))
            for reply in [noCookie, noField, other] {
                #expect(reply.status == 403 && reply.text.contains("verlopen"))
                #expect(setCookies(reply)[StaffAccess.sessionCookie] == nil)
            }
            #expect(try await app.server.context.database.audit.entries().filter { $0.action.hasPrefix("login.") }.isEmpty)
        }
    }

    @Test func logoutNeedsTheTokenAndEndsTheSession() async throws {
        try await withApp { app in
            try await app.addAccount("anna", role: .wijkwethouder, wijk: "Oost")
            let browser = try await app.signIn("anna")
            let client = try app.client()
            let forged = try await client.request("POST", "/admin/logout", headers: [browser.cookieHeader] + formHeaders, body: form([("_csrf", "nep")]))
            #expect(forged.status == 403 && forged.text.contains("Formulier niet geaccepteerd"))
            #expect(try await client.request("GET", "/admin", headers: [browser.cookieHeader]).status == 200)

            let out = try await client.request("POST", "/admin/logout", headers: [browser.cookieHeader] + formHeaders, body: form([("_csrf", browser.csrf)]))
            #expect(out.status == 303 && out.header("Location") == "/admin/login")
            #expect(setCookies(out)[StaffAccess.sessionCookie]?.attributes.contains("Max-Age=0") == true)
            #expect(try await client.request("GET", "/admin", headers: [browser.cookieHeader]).header("Location") == "/admin/login")
            #expect(try await app.server.context.database.audit.entries().last?.action == "logout")
        }
    }

    @Test func aDisabledAccountCannotSignInAndItsSessionEnds() async throws {
        try await withApp { app in
            try await app.addAccount("anna", role: .onderzoeker)
            let browser = try await app.signIn("anna")
            try await app.server.context.database.staffAccounts.disable(username: "anna", by: "test")
            let client = try app.client()
            #expect(try await client.request("GET", "/admin/surveys", headers: [browser.cookieHeader]).header("Location") == "/admin/login")
            let again = try await app.postLogin(client, "anna", RunningApp.password)
            #expect(again.status == 401 && again.text.contains(StaffLoginRoutes.genericFailure))
        }
    }
}

@Suite struct StaffCSRFTests {
    @Test func aStaffPostWithoutTheRightTokenIsRefusedAndChangesNothing() async throws {
        try await withApp { app in
            try await app.addAccount("beheer", role: .admin)
            let browser = try await app.signIn("beheer")
            let client = try app.client()
            let reworded = RunningApp.openSurvey.replacingOccurrences(of: "Woont u aan het plein?", with: "Woont u direct aan het plein?")
            try reworded.write(toFile: app.surveysFolder + "/fietsenstalling.yaml", atomically: true, encoding: .utf8)

            let missing = try await client.request("POST", "/api/v1/surveys/reload", headers: [browser.cookieHeader])
            let wrong = try await client.request("POST", "/api/v1/surveys/reload", headers: [browser.cookieHeader, (StaffAccess.csrfHeader, "nep")])
            let wrongField = try await client.request("POST", "/admin/surveys/fietsenstalling/preview", headers: [browser.cookieHeader] + formHeaders,
                                                      body: form([("_csrf", String(browser.csrf.reversed())), ("_action", "submit")]))
            let missingField = try await client.request("POST", "/admin/surveys/fietsenstalling/preview", headers: [browser.cookieHeader] + formHeaders,
                                                        body: form([("_action", "submit")]))
            #expect([missing, wrong, wrongField, missingField].map(\.status) == [403, 403, 403, 403])
            #expect(missing.text.contains("CSRF") && wrongField.text.contains("Formulier niet geaccepteerd"))
            // Nothing was reloaded.
            #expect(try await client.request("GET", "/s/\(app.tokens["nl1"]!)").text.contains("Woont u aan het plein?"))

            let right = try await client.request("POST", "/api/v1/surveys/reload", headers: [browser.cookieHeader, (StaffAccess.csrfHeader, browser.csrf)])
            #expect(right.status == 200)
            #expect(try await client.request("GET", "/s/\(app.tokens["nl1"]!)").text.contains("Woont u direct aan het plein?"))
        }
    }

    /// Every state-changing staff route in the table, plus logout, by a role that may use it: without
    /// the session's token, or with another, the answer is 403 before the handler runs.
    @Test func everyStaffPostRouteRefusesAMissingOrWrongToken() async throws {
        try await withApp { app in
            let client = try app.client()
            let posts = StaffRouteTable.routes.filter { $0.method == .post }
            #expect(posts.count >= 5)
            var browsers: [StaffRole: StaffBrowser] = [:]
            for route in posts {
                let role = try #require(StaffRole.allCases.first { $0.may(route.permission) })
                if browsers[role] == nil {
                    try await app.addAccount(role.rawValue, role: role)
                    browsers[role] = try await app.signIn(role.rawValue)
                }
            }
            let entriesBefore = try await app.server.context.database.audit.entries(limit: 10_000).count
            let targets = posts.map { route in
                (path: AuthorizationMatrixTests.path(route.pattern), browser: browsers[StaffRole.allCases.first { $0.may(route.permission) }!]!)
            } + [(path: "/admin/logout", browser: browsers.values.first!)]
            for target in targets {
                for token in [nil, "nep", String(target.browser.csrf.dropLast())] as [String?] {
                    let field = token.map { [("_csrf", $0)] } ?? []
                    let byForm = try await client.request(
                        "POST", target.path, headers: [target.browser.cookieHeader] + formHeaders, body: form(field + [("action", "start_review")]))
                    let byHeader = try await client.request(
                        "POST", target.path, headers: [target.browser.cookieHeader, ("Content-Type", "application/json")] + (token.map { [(StaffAccess.csrfHeader, $0)] } ?? []),
                        body: Array(#"{"action": "start_review"}"#.utf8))
                    #expect(byForm.status == 403 && byHeader.status == 403, "\(target.path) with token \(token ?? "none"): \(byForm.status), \(byHeader.status)")
                }
            }
            // Nothing happened: no decision, no logout, not even a refusal in the audit log (no account was at fault).
            #expect(try await app.server.context.database.audit.entries(limit: 10_000).count == entriesBefore)
            for browser in browsers.values {
                #expect(try await client.request("GET", "/admin", headers: [browser.cookieHeader]).status == 200)
            }
        }
    }

    @Test func everyFormOnAStaffPageCarriesTheToken() async throws {
        try await withApp(extraSurveys: ["alles": everyTypeSurvey]) { app in
            try await app.addAccount("beheer", role: .admin)
            let browser = try await app.signIn("beheer")
            let client = try app.client()
            for path in ["/admin", "/admin/surveys", "/admin/panel", "/admin/outbox", "/admin/surveys/alles/preview"] {
                let html = try await client.request("GET", path, headers: [browser.cookieHeader]).text
                let forms = html.components(separatedBy: "<form").dropFirst()
                #expect(!forms.isEmpty, "\(path) has no form (the logout button at least)")
                for form in forms {
                    let body = form.components(separatedBy: "</form>")[0]
                    #expect(body.contains("name=\"_csrf\" value=\"\(browser.csrf)\""), "a form on \(path) lacks the CSRF token")
                }
            }
        }
    }
}

/// Every role against every protected route, by session and by API token: the expected answer comes
/// from the permission table, so the table is what is tested.
@Suite struct AuthorizationMatrixTests {
    static func path(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            switch segment {
            case ":id": "fietsenstalling"
            case ":format": "csv"
            case let other where other.hasPrefix(":"): "1"
            default: String(segment)
            }
        }.joined(separator: "/")
    }

    @Test func eachRoleGetsExactlyWhatTheTableGrantsBySession() async throws {
        try await withApp { app in
            let client = try app.client()
            var refusals = 0
            for role in StaffRole.allCases {
                try await app.addAccount(role.rawValue, role: role)
                let browser = try await app.signIn(role.rawValue)
                for route in StaffRouteTable.routes {
                    let reply = try await client.request(
                        route.method.rawValue, Self.path(route.pattern), headers: [browser.cookieHeader] + (route.method == .post ? formHeaders : []),
                        body: route.method == .post ? form([("_csrf", browser.csrf)]) : [])
                    if role.may(route.permission) {
                        #expect(![401, 403].contains(reply.status) && reply.header("Location") == nil, "\(role) was refused \(route): \(reply.status)")
                    } else {
                        refusals += 1
                        #expect(reply.status == 403, "\(role) was not refused \(route): \(reply.status)")
                    }
                }
            }
            #expect(refusals > 0)
            let refused = try await app.server.context.database.audit.entries(limit: 10_000).filter { $0.action == "access.refused" }
            #expect(refused.count == refusals)
            #expect(refused.contains { $0.actor == "account:buurtcoordinator" && $0.subject == "GET /admin/panel" && $0.details.contains("managePanel") })
        }
    }

    @Test func eachRoleGetsExactlyWhatTheTableGrantsByToken() async throws {
        try await withApp { app in
            let client = try app.client()
            for role in StaffRole.allCases {
                let token = try await app.server.context.database.apiTokens.create(
                    role: role.rawValue, label: "script", wijk: role.requiresWijk ? "Centrum" : nil, createdBy: "test").value
                for route in StaffRouteTable.routes {
                    // No CSRF token: a Bearer header is not something a forged request can carry.
                    let reply = try await client.request(route.method.rawValue, Self.path(route.pattern), headers: [("Authorization", "Bearer \(token)")])
                    if role.may(route.permission) {
                        #expect(![401, 403].contains(reply.status), "\(role) token was refused \(route): \(reply.status)")
                    } else {
                        #expect(reply.status == 403, "\(role) token was not refused \(route): \(reply.status)")
                    }
                }
            }
        }
    }

    @Test func theTableKeepsSurveyWorkAndDecisionsApart() {
        for role in StaffRole.allCases {
            #expect(role.may(.decideInitiative) == (role.decisionRole != nil), "\(role)")
            #expect(role.may(.managePanel) == [.admin, .onderzoeker].contains(role), "\(role)")
            #expect(role.may(.readResults), "\(role)")
        }
        #expect(StaffRole.allCases.filter(\.requiresWijk) == [.buurtcoordinator, .wijkwethouder, .teammanager])
        #expect(StaffRole.wethouderBuurten.decisionRole == .wethouderBuurten && StaffRole.admin.decisionRole == nil)
    }
}

@Suite struct StaffTokenAndHomeTests {
    @Test func withoutCredentialsPagesGoToLoginAndTheAPISays401() async throws {
        try await withApp { app in
            let client = try app.client()
            for route in StaffRouteTable.routes {
                let reply = try await client.request(route.method.rawValue, AuthorizationMatrixTests.path(route.pattern))
                if route.pattern.hasPrefix("/api/") {
                    #expect(reply.status == 401 && reply.header("WWW-Authenticate") != nil, "\(route)")
                } else {
                    #expect(reply.status == 303 && reply.header("Location") == "/admin/login", "\(route)")
                }
            }
            let forged = try await client.request("GET", "/admin/panel", headers: [("Authorization", "Bearer dvk_" + String(repeating: "A", count: 43))])
            #expect(forged.status == 401)
        }
    }

    @Test func theHomePageSaysWhoIsSignedInAndLinksByRole() async throws {
        try await withApp { app in
            try await app.addAccount("buco", role: .buurtcoordinator, wijk: "Oost")
            try await app.addAccount("onderzoek", role: .onderzoeker)
            let client = try app.client()
            let buco = try await client.request("GET", "/admin", headers: [try await app.signIn("buco").cookieHeader]).text
            #expect(buco.contains("Medewerker buco") && buco.contains("buurtcoördinator") && buco.contains("wijk Oost"))
            #expect(!buco.contains("href=\"/admin/surveys\"") && !buco.contains("href=\"/admin/panel\""))
            #expect(buco.contains("href=\"/admin/surveys/fietsenstalling/report\""))
            let researcher = try await client.request("GET", "/admin", headers: [try await app.signIn("onderzoek").cookieHeader]).text
            #expect(researcher.contains("href=\"/admin/surveys\"") && researcher.contains("href=\"/admin/panel\""))

            let token = try await app.server.context.database.apiTokens.create(role: "teammanager", label: "rapportage", wijk: "Zuid", createdBy: "test").value
            let byToken = try await client.request("GET", "/admin", headers: [("Authorization", "Bearer \(token)")]).text
            #expect(byToken.contains("rapportage") && byToken.contains("teammanager samenleving") && byToken.contains("wijk Zuid"))
        }
    }
}

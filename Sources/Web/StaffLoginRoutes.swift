import Foundation
import Initiatives
import MicroHTTP
import Secrets
import Storage
import Surveys

/// Signing in and out, and the staff home page.
///
/// The login form has no session to tie a CSRF token to, so it uses a double-submit token: the form
/// and a pre-session cookie (HttpOnly, SameSite=Strict, only for `/admin/login`) carry the same random
/// value, and a POST must present both alike. A page on another site can neither read nor set it.
struct StaffLoginRoutes {
    let context: AppContext
    static let loginCookie = "draagvlak_login"
    static let genericFailure = "De gebruikersnaam of het wachtwoord klopt niet."

    private var access: StaffAccess { StaffAccess(context: context) }

    func register(in router: inout Router) {
        router.get("/admin/login") { request in
            if try await access.principal(of: request) != nil { return .redirect(to: "/admin") }
            return try loginPage(username: "", error: nil, status: .ok)
        }
        router.post("/admin/login") { request in try await login(request) }
        router.post("/admin/logout") { request in try await logout(request) }
        router.get("/admin") { request in try await home(request) }
    }

    private func login(_ request: Request) async throws -> Response {
        let fields = try request.form()
        let expected = request.cookies[Self.loginCookie] ?? ""
        let presented = fields[StaffAccess.csrfField]?.first ?? ""
        guard !expected.isEmpty, constantTimeEqual(Array(presented.utf8), Array(expected.utf8)) else {
            return try loginPage(username: "", error: "Het inlogformulier was verlopen of kwam niet van deze website. Vul het opnieuw in.",
                                 status: .forbidden)
        }
        let username = (fields["username"]?.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = fields["password"]?.first ?? ""
        let now = Date()
        switch try await StaffSignIn(context: context).attempt(username: username, password: password, from: request.remoteAddress, at: now) {
        case .rejected:
            return try loginPage(username: username, error: Self.genericFailure, status: .unauthorized)
        case .locked(let until):
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            return try loginPage(
                username: username,
                error: "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het over \(minutes) \(minutes == 1 ? "minuut" : "minuten") opnieuw, of vraag een beheerder om hulp.",
                status: .tooManyRequests)
        case .signedIn(let account):
            // Always a new session id, and the one the browser had (if any) ends: a session id that
            // someone planted or saw before the login is worth nothing after it.
            let (id, _) = try await context.database.staffSessions.create(
                accountID: account.id, at: now, lifetime: context.configuration.sessionLifetime,
                replacing: request.cookies[StaffAccess.sessionCookie])
            var response = Response.redirect(to: "/admin")
            response.headers.add("Set-Cookie", access.sessionCookie(id.value).headerValue)
            response.headers.add("Set-Cookie", loginCookie("", maxAge: 0).headerValue)
            return response
        }
    }

    private func logout(_ request: Request) async throws -> Response {
        var response = Response.redirect(to: "/admin/login")
        response.headers.add("Set-Cookie", access.expiredSessionCookie().headerValue)
        guard try await access.principal(of: request) != nil else { return response }
        let principal = try await access.requireSignedIn(request)
        guard case .session = principal.credential, let cookie = request.cookies[StaffAccess.sessionCookie] else {
            throw APIError(status: .badRequest, message: "an API token has no session to end")
        }
        try await context.database.staffSessions.delete(presented: cookie)
        try await context.database.audit.append(AuditRecord(actor: principal.auditActor, action: .logout, subject: principal.auditActor))
        return response
    }

    private func home(_ request: Request) async throws -> Response {
        let principal = try await access.requireSignedIn(request)
        let links = StaffHome.links.filter { principal.may($0.permission) }.map { ["href": $0.href, "title": $0.title, "about": $0.about] }
        var values: [String: Any] = ["name": principal.name, "role": principal.role.title, "links": links, "hasLinks": !links.isEmpty]
        if let wijk = principal.wijk { values["wijk"] = wijk }
        if case .session(_, let username, _) = principal.credential { values["username"] = username }
        if principal.may(.readResults) {
            let reports = context.catalog.all.map { ["href": "/admin/surveys/\($0.definition.id)/report", "title": $0.definition.title.nl] }
            values["reports"] = reports
            values["hasReports"] = !reports.isEmpty
        }
        return .html(context.renderer.staffPage("admin-home", title: "Medewerkers", principal: principal, values))
    }

    /// The login form with a fresh double-submit token in the form and in the pre-session cookie.
    private func loginPage(username: String, error: String?, status: HTTPStatus) throws -> Response {
        let token: String
        do { token = try SecretToken.generate().value } catch { throw RequestError(status: .internalServerError, message: "\(error)") }
        var values: [String: Any] = ["csrf": token, "username": username]
        if let error { values["error"] = error }
        var response = Response.html(context.renderer.page("admin-login", title: "Inloggen medewerkers", language: "nl", values), status: status)
        response.headers.add("Set-Cookie", loginCookie(token, maxAge: 3600).headerValue)
        return response
    }

    private func loginCookie(_ value: String, maxAge: Int) -> SetCookie {
        var cookie = SetCookie(name: Self.loginCookie, value: value, maxAgeSeconds: maxAge, secure: context.configuration.isBehindTLS)
        cookie.sameSite = "Strict"
        cookie.path = "/admin/login"
        return cookie
    }
}

/// The staff home page's links, each shown to roles with its permission. New staff areas add a line.
enum StaffHome {
    struct Link {
        let title: String
        let href: String
        let about: String
        let permission: StaffPermission
    }

    static let links: [Link] = [
        Link(title: "Vragenlijsten", href: "/admin/surveys", about: "Vragenlijsten bekijken en een voorbeeld tonen.", permission: .manageSurveys),
        Link(title: "Samenstelling panel", href: "/admin/panel", about: "Het panel naast de bevolking, per kenmerk.", permission: .managePanel),
        Link(title: "Uitgaande post", href: "/admin/outbox", about: "Uitnodigingen en herinneringen in de wachtrij en wat mislukte.", permission: .managePanel),
        Link(title: "Te beslissen", href: "/admin/beslissen", about: "Initiatieven die op uw besluit wachten, met draagvlak, criteria en budgeteffect.", permission: .decideInitiative),
        Link(title: "Initiatieven", href: "/admin/initiatieven", about: "Alle initiatieven en hun volgende stap.", permission: .decideInitiative),
        Link(title: "Budgetbesluiten", href: "/admin/budget", about: "Overhevelen tussen wijken en restanten meenemen.", permission: .decideBudget),
        Link(title: "Wijkthermometers", href: "/wijken", about: "Het budget van elke wijk, zoals bewoners het zien.", permission: .readResults),
    ]
}

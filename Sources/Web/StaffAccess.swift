import Foundation
import Initiatives
import MicroHTTP
import Secrets
import Storage

/// The one authentication and authorization step of every staff page and staff API call.
///
/// A request proves who it is with `Authorization: Bearer <API token>` (scripts) or the session cookie
/// (browsers); a Bearer header wins. Browsers must also send the session's CSRF token with every
/// unsafe request (`_csrf` form field or `X-CSRF-Token` header); Bearer tokens need none, because no
/// browser adds them to a forged request.
///
/// Refusals: nobody signed in → the login page for pages, 401 JSON under `/api/`; a bad CSRF token →
/// 403 and nothing changes; a role without the permission → 403, written to the audit log.
public struct StaffAccess: Sendable {
    let context: AppContext
    public static let sessionCookie = "draagvlak_session"
    public static let csrfField = "_csrf"
    public static let csrfHeader = "X-CSRF-Token"

    public init(context: AppContext) { self.context = context }

    /// The signed-in principal with `permission`, or an error that becomes the right refusal.
    public func require(_ permission: StaffPermission, _ request: Request) async throws -> StaffPrincipal {
        let principal = try await requireSignedIn(request)
        guard principal.may(permission) else {
            let route = "\(request.method) \(request.route ?? request.path)"
            try await context.database.audit.append(AuditRecord(
                actor: principal.auditActor, action: .accessRefused, subject: route,
                details: ["permission": .text(permission.rawValue), "role": .text(principal.role.rawValue)]))
            throw refusal(request, status: .forbidden, heading: "Geen toegang",
                          message: "U bent ingelogd als \(principal.role.title). Met die rol kunt u deze pagina niet gebruiken.",
                          api: "the role \(principal.role.rawValue) may not \(permission.rawValue)")
        }
        return principal
    }

    /// Any signed-in principal, whatever the role (the staff home page, logout); CSRF is checked.
    public func requireSignedIn(_ request: Request) async throws -> StaffPrincipal {
        guard let principal = try await principal(of: request) else {
            if isAPI(request) { throw APIError(status: .unauthorized, message: "send an API token as 'Authorization: Bearer <token>'") }
            throw RedirectError(location: "/admin/login")
        }
        if let expected = principal.csrfToken, !request.method.isSafe {
            guard let presented = Self.presentedCSRFToken(request), constantTimeEqual(Array(presented.utf8), Array(expected.utf8)) else {
                throw refusal(request, status: .forbidden, heading: "Formulier niet geaccepteerd",
                              message: "Dit formulier is verlopen of kwam niet van deze website, dus er is niets veranderd. Ga terug, laad de pagina opnieuw en probeer het nog eens.",
                              api: "missing or wrong CSRF token (send the session's token as \(Self.csrfHeader) or \(Self.csrfField))")
            }
        }
        return principal
    }

    /// Who is calling, or nil when nobody is signed in. A Bearer header that is not a valid token is
    /// refused outright (401) rather than passed over for the cookie.
    public func principal(of request: Request) async throws -> StaffPrincipal? {
        if let presented = request.bearerToken {
            guard let token = try await context.database.apiTokens.find(presented: presented),
                let role = StaffRole(rawValue: token.role)
            else { throw APIError(status: .unauthorized, message: "the API token is not valid") }
            return StaffPrincipal(credential: .apiToken(id: token.id), name: token.label, role: role, wijk: token.wijk)
        }
        guard let cookie = request.cookies[Self.sessionCookie],
            let session = try await context.database.staffSessions.find(presented: cookie, at: Date(), lifetime: context.configuration.sessionLifetime),
            let role = StaffRole(rawValue: session.account.role)
        else { return nil }
        let account = session.account
        return StaffPrincipal(
            credential: .session(accountID: account.id, username: account.username, csrfToken: session.csrfToken),
            name: account.displayName, role: role, wijk: account.wijk)
    }

    /// The session cookie carrying `id`: HttpOnly, SameSite=Strict, for the whole site, Secure behind
    /// TLS, and without Max-Age so it goes when the browser closes (the server ends it sooner anyway).
    func sessionCookie(_ id: String) -> SetCookie {
        var cookie = SetCookie(name: Self.sessionCookie, value: id, secure: context.configuration.isBehindTLS)
        cookie.sameSite = "Strict"
        return cookie
    }

    /// Tells the browser to forget the session cookie.
    func expiredSessionCookie() -> SetCookie {
        var cookie = sessionCookie("")
        cookie.maxAgeSeconds = 0
        return cookie
    }

    static func presentedCSRFToken(_ request: Request) -> String? {
        if let header = request.headers[csrfHeader] { return header }
        let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else { return nil }
        return (try? request.form())?[csrfField]?.first
    }

    func isAPI(_ request: Request) -> Bool { request.path.hasPrefix("/api/") }

    private func refusal(_ request: Request, status: HTTPStatus, heading: String, message: String, api: String) -> any Error {
        if isAPI(request) { return APIError(status: status, message: api) }
        let html = context.renderer.page("message", title: heading, language: "nl", [
            "heading": heading, "message": message, "link": ["href": "/admin", "label": "Naar het overzicht voor medewerkers"],
        ])
        return PageError(status: status, html: html)
    }
}

extension HTTPMethod {
    /// GET, HEAD and OPTIONS change nothing here, so they need no CSRF token.
    var isSafe: Bool { self == .get || self == .head || self == .options }
}

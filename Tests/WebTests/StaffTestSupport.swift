import Foundation
import MicroHTTP
import Secrets
import Storage
import TestSupport
import Testing
@testable import Web

/// A browser's staff session as the tests hold it: the session cookie and the CSRF token its pages carry.
struct StaffBrowser {
    let cookie: String
    let csrf: String

    var cookieHeader: (String, String) { ("Cookie", "\(StaffAccess.sessionCookie)=\(cookie)") }
}

extension RunningApp {
    static let password = "lang genoeg wachtwoord"

    /// An account with `password`, hashed at a low scrypt cost: verifying reads the cost from the stored
    /// string, so login works the same and the tests stay quick.
    @discardableResult
    func addAccount(_ username: String, role: StaffRole, wijk: String? = nil, password: String = RunningApp.password) async throws -> StaffAccount {
        let hash = try PasswordHasher(costN: 1 << 10).hash(password)
        return try await server.context.database.staffAccounts.create(
            username: username, displayName: "Medewerker \(username)", role: role.rawValue, wijk: wijk ?? (role.requiresWijk ? "Centrum" : nil),
            passwordHash: hash, createdBy: "test")
    }

    /// The login form's double-submit token and cookie.
    func loginForm(_ client: RawHTTPClient) async throws -> (csrf: String, cookie: String) {
        let page = try await client.request("GET", "/admin/login")
        let cookie = try #require(setCookies(page)[StaffLoginRoutes.loginCookie])
        return (try #require(hiddenCSRF(page.text)), cookie.value)
    }

    /// Posts the login form the way a browser would; the reply is returned as is.
    func postLogin(_ client: RawHTTPClient, _ username: String, _ password: String, extraCookie: String? = nil) async throws -> RawHTTPClient.Reply {
        let (csrf, cookie) = try await loginForm(client)
        let cookies = ["\(StaffLoginRoutes.loginCookie)=\(cookie)"] + (extraCookie.map { [$0] } ?? [])
        return try await client.request(
            "POST", "/admin/login", headers: formHeaders + [("Cookie", cookies.joined(separator: "; "))],
            body: form([("_csrf", csrf), ("username", username), ("password", password)]))
    }

    /// Signs in over HTTP and reads the session's CSRF token from the staff home page.
    func signIn(_ username: String, password: String = RunningApp.password) async throws -> StaffBrowser {
        let client = try client()
        let reply = try await postLogin(client, username, password)
        try #require(reply.status == 303, "login of \(username) failed with \(reply.status): \(reply.text)")
        let session = try #require(setCookies(reply)[StaffAccess.sessionCookie]).value
        let home = try await client.request("GET", "/admin", headers: [("Cookie", "\(StaffAccess.sessionCookie)=\(session)")])
        return StaffBrowser(cookie: session, csrf: try #require(hiddenCSRF(home.text)))
    }
}

/// `Set-Cookie` headers by cookie name: the value and the attributes as written.
func setCookies(_ reply: RawHTTPClient.Reply) -> [String: (value: String, attributes: [String])] {
    var cookies: [String: (value: String, attributes: [String])] = [:]
    for header in reply.headers where header.name.lowercased() == "set-cookie" {
        let parts = header.value.components(separatedBy: "; ")
        let pair = parts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        cookies[String(pair[0])] = (pair.count > 1 ? String(pair[1]) : "", Array(parts.dropFirst()))
    }
    return cookies
}

/// The value of the first `_csrf` hidden field in a page.
func hiddenCSRF(_ html: String) -> String? {
    guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

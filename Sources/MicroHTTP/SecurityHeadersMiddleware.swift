/// Adds the headers every response needs so a personal link cannot leak (no Referer), pages cannot be
/// framed, and no script runs but our own files: the Content-Security-Policy allows no inline script.
public struct SecurityHeadersMiddleware: Middleware {
    public var contentSecurityPolicy: String

    public init(
        contentSecurityPolicy: String =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ) {
        self.contentSecurityPolicy = contentSecurityPolicy
    }

    public func handle(_ request: Request, next: any HTTPResponder) async throws -> Response {
        var response = try await next.respond(to: request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if response.isHTML {
            response.headers["Content-Security-Policy"] = contentSecurityPolicy
            response.headers["X-Frame-Options"] = "DENY"
            if !response.headers.contains("Cache-Control") { response.headers["Cache-Control"] = "no-store" }
        }
        return response
    }
}

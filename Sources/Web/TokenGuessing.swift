import MicroHTTP

/// Guards the lookups of secrets that arrive in a path or form: personal links (`/s/…`), letter codes
/// (`/c/…`) and initiative status links (`/i/…`). Every lookup that finds nothing costs the asking
/// address a token of ``AppContext/tokenGuesses``; an address without tokens gets 429 for any such
/// lookup, found or not, until its bucket refills. Lookups that find something cost nothing, so a
/// member opening their own link a hundred times is never slowed, and other addresses never are.
///
/// The check comes before the lookup, not after: otherwise a blocked guesser would still learn
/// from a 200 which guess was right.
struct TokenGuessing {
    let context: AppContext

    /// Runs `find` unless the client is blocked; the client pays a token when it finds nothing. The
    /// token is taken before the lookup and given back after a success, so that many requests sent
    /// at once cannot all get past an almost empty bucket.
    func lookUp<Found>(_ request: Request, _ find: () async throws -> Found?) async throws -> Found? {
        let limiter = context.tokenGuesses
        let client = context.rateLimitKey(for: request)
        if let wait = limiter.take(client) { throw TooManyGuesses(context: context, retryAfter: wait) }
        let found: Found?
        do { found = try await find() } catch {
            limiter.giveBack(client)  // the database failed, not the guess
            throw error
        }
        if found != nil { limiter.giveBack(client) }
        return found
    }
}

extension AppContext {
    /// The key a request is rate-limited by: its client's address (as a trusted proxy reports it),
    /// an IPv6 address by its /64.
    func rateLimitKey(for request: Request) -> String {
        ClientRateLimiter.clientKey(forAddress: request.clientAddress(trustingProxies: configuration.trustedProxies))
    }
}

/// The 429 page for an address that tried too many unknown links or codes, with `Retry-After`.
struct TooManyGuesses: HTTPResponseError {
    let html: String
    let retryAfterSeconds: Int

    init(context: AppContext, retryAfter: Duration) {
        retryAfterSeconds = retryAfter.retryAfterSeconds
        html = context.renderer.page("message", title: "Even geduld", language: "nl", [
            "heading": "Even geduld alstublieft",
            "message": "Vanaf uw internetverbinding zijn kort na elkaar veel links of codes geprobeerd die niet bestaan. "
                + "Probeer het over \(Self.dutchWait(retryAfterSeconds)) opnieuw, en kopieer de link uit uw e-mail of brief "
                + "of typ de code zorgvuldig over. Lukt het dan nog niet, neem dan contact op met de gemeente.",
        ])
    }

    func response() -> Response {
        var response = Response.html(html, status: .tooManyRequests)
        response.headers["Retry-After"] = String(retryAfterSeconds)
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    static func dutchWait(_ seconds: Int) -> String {
        if seconds < 60 { return seconds == 1 ? "een seconde" : "\(seconds) seconden" }
        let minutes = (seconds + 59) / 60
        return minutes == 1 ? "een minuut" : "\(minutes) minuten"
    }
}

import Foundation
import MicroHTTP
import Secrets
import Synchronization
import TestSupport
import Testing
@testable import Web

/// Guessing personal links, letter codes and initiative links: every unknown one costs the address a
/// token, and an address without tokens gets 429 while every other address goes on as before. The
/// server sees two clients because the second binds its end of the connection to 127.0.0.2.
@Suite struct TokenGuessingTests {
    static let guesser = "127.0.0.1"
    static let neighbour = "127.0.0.2"

    static func unknownToken(_ n: Int) -> String { "dvt_" + String(repeating: "x", count: 40) + String(n) }

    func withLimitedApp(burst: Int = 3, _ body: (RunningApp) async throws -> Void) async throws {
        try await withApp(configure: {
            $0.tokenGuessBurst = burst
            $0.tokenGuessPerMinute = 1
        }, body)
    }

    @Test func unknownLinksFromOneAddressGet429WithRetryAfterAndADutchPage() async throws {
        try await withLimitedApp { app in
            let client = try RawHTTPClient(port: app.server.port, sourceAddress: Self.guesser)
            for n in 1...3 {
                #expect(try await client.request("GET", "/s/\(Self.unknownToken(n))").status == 404)
            }
            let refused = try await client.request("GET", "/s/\(Self.unknownToken(4))")
            #expect(refused.status == 429)
            let wait = try #require(refused.header("Retry-After").flatMap(Int.init))
            #expect((1...60).contains(wait))
            #expect(refused.text.contains("<html lang=\"nl\">") && refused.text.contains("Even geduld"))
            #expect(refused.header("Content-Type")?.hasPrefix("text/html") == true)
            // Blocked means blocked for every such lookup, so a right guess is not told apart from a wrong one.
            #expect(try await client.request("GET", "/s/\(app.tokens["nl1"]!)").status == 429)
        }
    }

    @Test func anotherAddressIsNotSlowedByTheGuesser() async throws {
        try await withLimitedApp { app in
            let guesser = try RawHTTPClient(port: app.server.port, sourceAddress: Self.guesser)
            for n in 1...10 { _ = try await guesser.request("GET", "/s/\(Self.unknownToken(n))") }
            #expect(try await guesser.request("GET", "/s/\(Self.unknownToken(0))").status == 429)

            let neighbour = try RawHTTPClient(port: app.server.port, sourceAddress: Self.neighbour)
            #expect(try await neighbour.request("GET", "/s/\(app.tokens["nl1"]!)").status == 200)
            #expect(try await neighbour.request("GET", "/s/\(Self.unknownToken(1))").status == 404)
            // Pages without a secret in them are never limited, not even for the guesser.
            #expect(try await guesser.request("GET", "/").status == 200)
            #expect(try await guesser.request("GET", "/c").status == 200)
        }
    }

    /// Guesses sent all at once on parallel connections get no more than the burst between them.
    @Test func parallelGuessesShareOneBudget() async throws {
        try await withLimitedApp { app in
            let port = app.server.port
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<24 {
                    group.addTask {
                        try await RawHTTPClient(port: port, sourceAddress: Self.guesser).request("GET", "/s/\(Self.unknownToken(n))").status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 404 }.count == 3)
            #expect(statuses.filter { $0 == 429 }.count == 21)
        }
    }

    @Test func linksThatWorkNeverCount() async throws {
        try await withLimitedApp { app in
            let client = try RawHTTPClient(port: app.server.port, sourceAddress: Self.guesser)
            for _ in 1...20 {
                #expect(try await client.request("GET", "/s/\(app.tokens["nl1"]!)").status == 200)
                #expect(try await client.request("GET", "/s/\(app.tokens["nl1"]!)/privacy").status == 200)
            }
            for n in 1...3 {
                #expect(try await client.request("GET", "/s/\(Self.unknownToken(n))").status == 404)
            }
            #expect(try await client.request("GET", "/s/\(Self.unknownToken(4))").status == 429)
        }
    }

    @Test func lettersCodesAndInitiativeLinksShareTheBudget() async throws {
        try await withLimitedApp(burst: 5) { app in
            let code = try await issueLetters(app)[0].code
            let client = try RawHTTPClient(port: app.server.port, sourceAddress: Self.guesser)
            // A typed code that is wrong, one that is malformed, a wrong code in the path, a wrong
            // initiative link and a wrong link to the privacy page: five misses.
            let typed = try await client.request("POST", "/c", headers: formHeaders, body: Array("code=K7QM-4XPD-9TRW-H3CN".utf8))
            #expect(typed.status == 404 && typed.text.contains("niet geldig"))
            #expect(try await client.request("POST", "/c", headers: formHeaders, body: Array("code=geen+code".utf8)).status == 404)
            #expect(try await client.request("GET", "/c/K7QM-4XPD-9TRW-H3CN").status == 404)
            #expect(try await client.request("GET", "/i/\(Self.unknownToken(1))").status == 404)
            #expect(try await client.request("GET", "/s/\(Self.unknownToken(1))/privacy").status == 404)

            for path in ["/c/\(code.formatted)", "/i/\(Self.unknownToken(2))", "/s/\(app.tokens["nl1"]!)/mijn-gegevens"] {
                #expect(try await client.request("GET", path).status == 429, "\(path)")
            }
            let typedRight = try await client.request("POST", "/c", headers: formHeaders, body: Array("code=\(code.canonical)".utf8))
            #expect(typedRight.status == 429 && typedRight.header("Retry-After") != nil)

            let neighbour = try RawHTTPClient(port: app.server.port, sourceAddress: Self.neighbour)
            let opened = try await neighbour.request("POST", "/c", headers: formHeaders, body: Array("code=\(code.canonical)".utf8))
            #expect(opened.status == 303)
        }
    }

    @Test func behindATrustedProxyEachForwardedClientHasItsOwnBudget() async throws {
        try await withApp(configure: {
            $0.tokenGuessBurst = 2
            $0.tokenGuessPerMinute = 1
            $0.trustedProxies = [Self.guesser]
        }) { app in
            let proxy = try RawHTTPClient(port: app.server.port, sourceAddress: Self.guesser)
            func get(_ path: String, for client: String) async throws -> Int {
                try await proxy.request("GET", path, headers: [("X-Forwarded-For", client)]).status
            }
            #expect(try await get("/s/\(Self.unknownToken(1))", for: "203.0.113.5") == 404)
            #expect(try await get("/s/\(Self.unknownToken(2))", for: "203.0.113.5") == 404)
            #expect(try await get("/s/\(Self.unknownToken(3))", for: "203.0.113.5") == 429)
            #expect(try await get("/s/\(app.tokens["nl1"]!)", for: "203.0.113.6") == 200)
            #expect(try await get("/s/\(Self.unknownToken(4))", for: "203.0.113.6") == 404)
        }
    }

    @Test func aForwardedForHeaderFromAnyoneElseIsIgnored() async throws {
        try await withLimitedApp { app in
            let client = try RawHTTPClient(port: app.server.port, sourceAddress: Self.guesser)
            for n in 1...4 {
                // A fresh made-up address on every request does not buy fresh guesses.
                let reply = try await client.request("GET", "/s/\(Self.unknownToken(n))", headers: [("X-Forwarded-For", "198.51.100.\(n)")])
                #expect(reply.status == (n <= 3 ? 404 : 429))
            }
        }
    }

    @Test func theLogHoldsNoGuessButShowsWhatWasRefused() async throws {
        let recorded = RecordedLog()
        try await withApp(logger: recorded.logger, configure: { $0.tokenGuessBurst = 1; $0.tokenGuessPerMinute = 1 }) { app in
            let client = try RawHTTPClient(port: app.server.port, sourceAddress: Self.guesser)
            _ = try await client.request("GET", "/s/geraden-token-een")
            _ = try await client.request("GET", "/s/geraden-token-twee")
            _ = try await client.request("GET", "/i/geraden-token-drie")
        }
        let lines = recorded.lines.withLock { $0 }
        #expect(lines.contains { $0.hasPrefix("GET /s/… 404") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("GET /s/… 429") })
        #expect(lines.contains { $0.hasPrefix("GET /i/… 429") })
        #expect(!lines.contains { $0.contains("geraden") }, "\(lines)")
    }
}

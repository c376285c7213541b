import Logging
import Testing
@testable import MicroHTTP

@Suite struct RouterTests {
    let router: Router = {
        var router = Router()
        router.get("/s/:token") { .text("page \($0.pathParameters["token"]!)") }
        router.post("/s/:token") { _ in .text("posted") }
        router.get("/static/*") { .text("file \($0.pathParameters["*"]!)") }
        router.get("/") { _ in .text("home") }
        return router
    }()

    func call(_ method: HTTPMethod, _ target: String) async throws -> Response {
        try await router.respond(to: Request(method: method, target: target))
    }

    @Test func capturesParametersAndWildcards() async throws {
        #expect(String(decoding: try await call(.get, "/s/abc").body, as: UTF8.self) == "page abc")
        #expect(String(decoding: try await call(.get, "/static/css/site.css").body, as: UTF8.self) == "file css/site.css")
        #expect(String(decoding: try await call(.get, "/").body, as: UTF8.self) == "home")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() async throws {
        #expect(try await call(.get, "/s/abc/extra").status == .notFound)
        #expect(try await call(.get, "/static").status == .notFound)
        let response = try await call(.delete, "/s/abc")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, POST")
    }

    @Test func headIsAnsweredByTheGetRoute() async throws {
        #expect(try await call(.head, "/s/x").status == .ok)
    }

    @Test func accessLogRedactsSecretsButKeepsOtherPaths() {
        let log = AccessLogMiddleware(logger: Logger(label: "test"), secretPatterns: ["/s/:token", "/s/:token/*"])
        #expect(log.redactedPath("/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd") == "/s/…")
        #expect(log.redactedPath("/s/AbCdEfGhIjKlMnOpQrStUvWxYz/bedankt") == "/s/…/bedankt")
        #expect(log.redactedPath("/api/v1/surveys/poll/results") == "/api/v1/surveys/poll/results")
        #expect(log.redactedPath("/x/AbCdEfGhIjKlMnOpQrSt/y") == "/x/…/y")
    }

    @Test func middlewareRunsOutermostFirst() async throws {
        struct Tag: Middleware {
            let name: String
            func handle(_ request: Request, next: any HTTPResponder) async throws -> Response {
                var response = try await next.respond(to: request)
                response.headers.add("X-Order", name)
                return response
            }
        }
        let chain = MiddlewareChain([Tag(name: "outer"), Tag(name: "inner")], responder: router)
        let response = try await chain.respond(to: Request(method: .get, target: "/"))
        #expect(response.headers.values("X-Order") == ["inner", "outer"])
    }
}

import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
@testable import MicroHTTP

/// Tests against a real libmicrohttpd daemon on a free port.
@Suite struct LiveServerTests {
    struct Teapot: HTTPResponseError {
        func response() -> Response { .text("teapot", status: HTTPStatus(code: 418, reason: "I'm a teapot")) }
    }

    static func makeRouter(gate: Gate? = nil) -> Router {
        var router = Router()
        router.get("/page") { _ in .html("<p>hallo</p>") }
        router.post("/echo") { request in
            let form = try request.form()
            return .text(form.keys.sorted().map { "\($0)=\(form[$0]!.joined(separator: ","))" }.joined(separator: ";"))
        }
        router.get("/slow") { _ in
            await gate?.wait()
            return .text("finished")
        }
        router.get("/later") { request in
            // Waits for real, so the handler continues off the event loop and the connection is suspended.
            try await Task.sleep(for: .milliseconds(Int(request.query()["ms"]?.first ?? "5") ?? 5))
            return .text("later")
        }
        router.get("/boom") { _ in throw CancellationError() }
        router.get("/teapot") { _ in throw Teapot() }
        router.get("/headers") { request in .text(request.headers["X-Probe"] ?? "none") }
        return router
    }

    /// Lets a test hold a handler until it says go, to have a request in flight on purpose.
    final class Gate: Sendable {
        let entered = Atomic<Bool>(false)
        let opened = Atomic<Bool>(false)
        func wait() async {
            entered.store(true, ordering: .releasing)
            while !opened.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    static func start(_ configuration: ServerConfiguration = ServerConfiguration(port: 0), gate: Gate? = nil) throws -> HTTPServer {
        let responder = MiddlewareChain([SecurityHeadersMiddleware()], responder: makeRouter(gate: gate))
        return try HTTPServer(configuration: configuration, responder: responder, logger: Logger(label: "test"))
    }

    /// Runs `body` against a fresh server and always stops it afterwards, without blocking the pool.
    func withServer(_ configuration: ServerConfiguration = ServerConfiguration(port: 0), _ body: (HTTPServer) async throws -> Void) async throws {
        let server = try Self.start(configuration)
        do { try await body(server) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func servesSeveralRequestsOnOneKeepAliveConnection() async throws {
        try await withServer { server in
            let client = try RawHTTPClient(port: server.port)
            for _ in 0..<3 {
                let reply = try await client.request("GET", "/page")
                #expect(reply.status == 200)
                #expect(reply.text == "<p>hallo</p>")
            }
        }
    }

    /// Handlers start on the event-loop thread: those that finish there answer at once, those that
    /// wait are suspended and resumed. Both kinds, interleaved on keep-alive connections, each get
    /// their own response.
    @Test func handlersThatFinishAtOnceAndHandlersThatWaitMixOnKeepAliveConnections() async throws {
        try await withServer { server in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for connection in 0..<6 {
                    group.addTask {
                        let client = try RawHTTPClient(port: server.port)
                        for round in 0..<12 {
                            if (round + connection) % 3 == 0 {
                                let reply = try await client.request("GET", "/later?ms=\(round % 4)")
                                #expect(reply.status == 200 && reply.text == "later")
                            } else {
                                let reply = try await client.request(
                                    "POST", "/echo", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                    body: Array("n=\(connection)-\(round)".utf8))
                                #expect(reply.status == 200 && reply.text == "n=\(connection)-\(round)")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(server.requestsInFlight == 0)
        }
    }

    @Test func htmlResponsesCarrySecurityHeaders() async throws {
        try await withServer { server in
            let reply = try await RawHTTPClient(port: server.port).request("GET", "/page")
            #expect(reply.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(reply.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(reply.header("Content-Security-Policy")?.contains("unsafe-inline") == false)
            #expect(reply.header("X-Content-Type-Options") == "nosniff")
            #expect(reply.header("Referrer-Policy") == "no-referrer")
        }
    }

    @Test func decodesPostedFormsWithRepeatedKeys() async throws {
        try await withServer { server in
            let reply = try await RawHTTPClient(port: server.port).request(
                "POST", "/echo", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("b=2&a=x+y&b=3".utf8))
            #expect(reply.status == 200)
            #expect(reply.text == "a=x y;b=2,3")
        }
    }

    @Test func announcedOversizeBodyGets413BeforeAnyBodyIsSent() async throws {
        try await withServer(ServerConfiguration(port: 0, maxBodyBytes: 1024)) { server in
            let client = try RawHTTPClient(port: server.port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n")
            let reply = try await client.readReply()
            #expect(reply.status == 413)
        }
    }

    @Test func chunkedOversizeBodyGets413() async throws {
        try await withServer(ServerConfiguration(port: 0, maxBodyBytes: 1024)) { server in
            let client = try RawHTTPClient(port: server.port)
            let chunk = String(repeating: "a", count: 800)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
                + "320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n0\r\n\r\n")
            #expect(try await client.readReply().status == 413)
        }
    }

    @Test func bodyAtTheLimitIsAccepted() async throws {
        try await withServer(ServerConfiguration(port: 0, maxBodyBytes: 1024)) { server in
            let body = "a=" + String(repeating: "x", count: 1022)
            let reply = try await RawHTTPClient(port: server.port).request(
                "POST", "/echo", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
            #expect(reply.status == 200)
        }
    }

    @Test func oversizeHeadersAreRefused() async throws {
        try await withServer(ServerConfiguration(port: 0, maxHeaderBytes: 4096)) { server in
            let client = try RawHTTPClient(port: server.port)
            client.send("GET /headers HTTP/1.1\r\nHost: x\r\nX-Probe: \(String(repeating: "h", count: 8000))\r\n\r\n")
            let reply = try? await client.readReply()
            // libmicrohttpd answers 431 (or closes outright); it must never reach the handler.
            #expect(reply == nil || [413, 414, 431].contains(reply!.status))
        }
    }

    @Test func malformedPathIs400() async throws {
        try await withServer { server in
            let reply = try await RawHTTPClient(port: server.port).request("GET", "/pa%zzge")
            #expect(reply.status == 400)
        }
    }

    @Test func errorsBecomeTheirOwnResponseOrA500() async throws {
        try await withServer { server in
            let client = try RawHTTPClient(port: server.port)
            #expect(try await client.request("GET", "/teapot").status == 418)
            let boom = try await client.request("GET", "/boom")
            #expect(boom.status == 500)
            #expect(!boom.text.contains("Cancellation"))
        }
    }

    @Test func unknownMethodIs405AndHeadHasNoBody() async throws {
        try await withServer { server in
            let client = try RawHTTPClient(port: server.port)
            #expect(try await client.request("BREW", "/page").status == 405)
            let head = try await client.request("HEAD", "/page")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
        }
    }

    @Test func shutdownFinishesTheRequestInFlightAndStopsAccepting() async throws {
        let gate = Gate()
        let server = try Self.start(gate: gate)
        let port = server.port
        let client = try RawHTTPClient(port: port)
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        while !gate.entered.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }

        let stopped = Gate()
        Task {
            await server.stop()
            stopped.opened.store(true, ordering: .releasing)
        }
        // New connections are refused once the server quiesces, while the held request is still in flight.
        var refused = false
        for _ in 0..<200 where !refused {
            if (try? RawHTTPClient(port: port)) == nil { refused = true } else { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(refused, "the server must stop accepting new connections")
        let stoppedEarly = stopped.opened.load(ordering: .acquiring)
        #expect(!stoppedEarly, "shutdown must wait for the request in flight")

        gate.opened.store(true, ordering: .releasing)
        let reply = try await client.readReply()
        #expect(reply.status == 200)
        #expect(reply.text == "finished")
        #expect(reply.header("Connection")?.lowercased() == "close")
        while !stopped.opened.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func idleConnectionsAreClosedAfterTheTimeout() async throws {
        try await withServer(ServerConfiguration(port: 0, connectionTimeoutSeconds: 1)) { server in
            let slow = try RawHTTPClient(port: server.port, timeoutSeconds: 20)
            slow.send("GET /page HTTP/1.1\r\nHost: x\r\n")  // never finishes its headers
            let started = Date()
            // While it hangs, others are served.
            let reply = try await RawHTTPClient(port: server.port).request("GET", "/page")
            #expect(reply.status == 200)
            #expect(await slow.isClosedByPeer())
            // Closed by the 1-second timeout, not the 30-second default (generous bound: machines are shared).
            #expect(Date().timeIntervalSince(started) < 20)
        }
    }

    @Test func portInUseIsAClearError() throws {
        let first = try Self.start()
        #expect(throws: ServerError.self) { try Self.start(ServerConfiguration(port: first.port)) }
        first.shutdown()
    }
}

import Foundation
import Logging
import TestSupport
import Testing
@testable import MicroHTTP

/// What a hostile client may send a live server, byte for byte, and what it gets back. The limits are
/// set low so the tests stay quick; the product's defaults are larger but enforced the same way.
@Suite struct HostileRequestTests {
    func withServer(_ configuration: ServerConfiguration, _ body: (HTTPServer) async throws -> Void) async throws {
        let server = try LiveServerTests.start(configuration)
        do { try await body(server) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func post(_ client: RawHTTPClient, _ body: [UInt8]) async throws -> RawHTTPClient.Reply {
        try await client.request("POST", "/echo", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body)
    }

    @Test func brokenEscapesAndInvalidUTF8InAFormAre400SayingWhere() async throws {
        try await withServer(ServerConfiguration(port: 0)) { server in
            let client = try RawHTTPClient(port: server.port)
            let escape = try await post(client, Array("naam=Jan&steun=4%zz".utf8))
            #expect(escape.status == 400 && escape.text.contains("malformed percent-escape in field 'steun' at byte 2"))
            let encoded = try await post(client, Array("opmerking=%C3%28".utf8))
            #expect(encoded.status == 400 && encoded.text.contains("invalid UTF-8 in field 'opmerking'"))
            let raw = try await post(client, Array("opmerking=".utf8) + [0xC3, 0x28])
            #expect(raw.status == 400 && raw.text.contains("invalid UTF-8 in field 'opmerking'"))
            // The connection is still good for the next request.
            #expect(try await post(client, Array("a=1".utf8)).text == "a=1")
        }
    }

    @Test func tooManyFieldsAre413AndRepeatedFieldsKeepEveryValue() async throws {
        try await withServer(ServerConfiguration(port: 0)) { server in
            let client = try RawHTTPClient(port: server.port)
            let flood = try await post(client, Array((0..<501).map { "f\($0)=1" }.joined(separator: "&").utf8))
            #expect(flood.status == 413 && flood.text.contains("more than 500 fields"))
            let repeated = try await post(client, Array(Array(repeating: "a=1", count: 400).joined(separator: "&").utf8))
            #expect(repeated.status == 200 && repeated.text == "a=" + Array(repeating: "1", count: 400).joined(separator: ","))
        }
    }

    @Test func aBodyThatNeverArrivesIsCutOffWhileOthersAreServed() async throws {
        try await withServer(ServerConfiguration(port: 0, connectionTimeoutSeconds: 1)) { server in
            let slow = try RawHTTPClient(port: server.port, timeoutSeconds: 20)
            slow.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\na=")
            #expect(try await RawHTTPClient(port: server.port).request("GET", "/page").status == 200)
            #expect(await slow.isClosedByPeer())
            #expect(server.requestsInFlight == 0)
        }
    }

    @Test func oneClientCannotTakeEveryConnection() async throws {
        // A long timeout: the hogs must still be connected at the end, however slowly the test runs.
        try await withServer(ServerConfiguration(port: 0, connectionTimeoutSeconds: 600, maxConnectionsPerClient: 3)) { server in
            var hogs: [RawHTTPClient] = []
            for _ in 0..<3 {
                let hog = try RawHTTPClient(port: server.port, sourceAddress: "127.0.0.2")
                hog.send("GET /page HTTP/1.1\r\nHost: x\r\n")
                hogs.append(hog)
            }
            // A fourth connection from the same address is closed without an answer ...
            let fourth = try RawHTTPClient(port: server.port, sourceAddress: "127.0.0.2")
            fourth.send("GET /page HTTP/1.1\r\nHost: x\r\n\r\n")
            await #expect(throws: RawHTTPClient.ClientError.self) { try await fourth.readReply() }
            // ... while another address is served, and the hogs can still finish their own requests.
            #expect(try await RawHTTPClient(port: server.port).request("GET", "/page").status == 200)
            hogs[0].send("\r\n")
            #expect(try await hogs[0].readReply().status == 200)
        }
    }

    @Test func countlessHeadersAreRefusedBeforeTheHandler() async throws {
        try await withServer(ServerConfiguration(port: 0, maxHeaderBytes: 8192)) { server in
            let client = try RawHTTPClient(port: server.port)
            client.send("GET /headers HTTP/1.1\r\nHost: x\r\n" + (0..<2000).map { "X-H\($0): v\r\n" }.joined() + "X-Probe: reached\r\n\r\n")
            let reply = try? await client.readReply()
            #expect(reply == nil || [413, 431].contains(reply!.status))
            #expect(reply?.text.contains("reached") != true)
            #expect(try await RawHTTPClient(port: server.port).request("GET", "/headers", headers: [("X-Probe", "ok")]).text == "ok")
        }
    }

    @Test func aRequestTargetWithoutALeadingSlashOrWithANulIs400() async throws {
        try await withServer(ServerConfiguration(port: 0)) { server in
            for target in ["/pa%00ge", "/%ff"] {
                let reply = try await RawHTTPClient(port: server.port).request("GET", target)
                #expect(reply.status == 400, "\(target)")
            }
        }
    }
}

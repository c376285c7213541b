import Foundation
import Testing
@testable import Mail

/// SMTPSender against a real SMTP server (`Tests/support/smtp_sink.py`, aiosmtpd) on 127.0.0.1.
@Suite struct SMTPSenderTests {
    let link = "https://panel.example.org/s/" + String(repeating: "Q", count: 43)

    func message(to address: String = "lid@example.org") -> EmailMessage {
        EmailMessage(
            from: Mailbox(name: "Burgerpanel Hilversum", address: "panel@draagvlak.test"),
            to: Mailbox(name: "Jan de Vries", address: address), subject: "Uw mening gevraagd: één speeltuin",
            // A line of just "." would end the DATA phase if libcurl did not dot-stuff it.
            text: "Beste panellid,\n\nUw link: \(link)\n.\n..twee punten\nMet vriendelijke groet",
            html: "<p>Beste panellid,</p><p><a href=\"\(link)\">Naar de vragenlijst</a></p>",
            date: Date(timeIntervalSince1970: 1_700_000_000),
            extraHeaders: [(name: "List-Unsubscribe", value: "<https://panel.example.org/afmelden>")])
    }

    /// The stored file without the trace fields the sink adds (Return-Path, Delivered-To).
    func withoutTrace(_ stored: String) -> (trace: [String], message: String) {
        var lines = stored.components(separatedBy: "\r\n")
        var trace: [String] = []
        while let first = lines.first, first.hasPrefix("Return-Path:") || first.hasPrefix("Delivered-To:") {
            trace.append(first)
            lines.removeFirst()
        }
        return (trace, lines.joined(separator: "\r\n"))
    }

    @Test func deliversTheRenderedMessageByteForByte() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let rendered = message().rendered(messageID: "0001@draagvlak.test")

        let result = await Blocking.send(rendered, to: "lid@example.org", with: sink.configuration())
        #expect(throws: Never.self) { try result.get() }

        let stored = try sink.messages()
        try #require(stored.count == 1)
        let (trace, received) = withoutTrace(stored[0])
        #expect(trace == ["Return-Path: <panel@draagvlak.test>", "Delivered-To: lid@example.org"])
        #expect(received == rendered)
        #expect(received.contains("Subject: =?UTF-8?B?\(Data("Uw mening gevraagd: één speeltuin".utf8).base64EncodedString())?=\r\n"))
        #expect(received.contains("To: =?UTF-8?B?\(Data("Jan de Vries".utf8).base64EncodedString())?= <lid@example.org>\r\n")
            || received.contains("To: Jan de Vries <lid@example.org>\r\n"))
        #expect(received.contains("Message-ID: <0001@draagvlak.test>\r\n"))
        #expect(received.contains("List-Unsubscribe: <https://panel.example.org/afmelden>\r\n"))
        let decoded = decodedQuotedPrintable(received)
        #expect(decoded.contains("Uw link: \(link)\n.\n..twee punten\nMet vriendelijke groet"))
        #expect(decoded.contains("<a href=\"\(link)\">Naar de vragenlijst</a>"))
    }

    @Test func eachMessageGetsItsOwnConnectionAndFile() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        for index in 1...3 {
            let rendered = message(to: "lid\(index)@example.org").rendered(messageID: "\(index)@draagvlak.test")
            let result = await Blocking.send(rendered, to: "lid\(index)@example.org", with: sink.configuration())
            #expect(throws: Never.self) { try result.get() }
        }
        let stored = try sink.messages()
        #expect(stored.count == 3)
        for (offset, text) in stored.enumerated() {
            #expect(text.contains("Delivered-To: lid\(offset + 1)@example.org\r\n"))
            #expect(text.contains("Message-ID: <\(offset + 1)@draagvlak.test>\r\n"))
        }
    }

    @Test func bareLineFeedsAreSentAsCRLF() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let result = await Blocking.send("Subject: kaal\n\nregel een\nregel twee", to: "lid@example.org", with: sink.configuration())
        #expect(throws: Never.self) { try result.get() }
        let stored = try sink.messages()
        try #require(stored.count == 1)
        #expect(withoutTrace(stored[0]).message == "Subject: kaal\r\n\r\nregel een\r\nregel twee\r\n")
    }

    @Test func temporaryFailureAtEndOfDataIsTemporaryWithTheServersReply() async throws {
        let sink = try await SMTPSink.start(["--fail-first", "1"])
        defer { sink.stop() }
        let rendered = message().rendered(messageID: "retry@draagvlak.test")

        let first = await Blocking.send(rendered, to: "lid@example.org", with: sink.configuration())
        let error = try #require(first.failure)
        #expect(!error.isPermanent)
        #expect(error.code == 451)
        #expect(error.reply == "451 4.3.0 try again later")
        #expect(error.command == "end of data")
        #expect(error.description.contains("451 4.3.0 try again later"))
        #expect(error.description.contains("127.0.0.1:\(sink.port)"))
        #expect(try sink.messages().isEmpty)

        let second = await Blocking.send(rendered, to: "lid@example.org", with: sink.configuration())
        #expect(throws: Never.self) { try second.get() }
        #expect(try sink.messages().count == 1)
    }

    @Test func temporarilyRefusedRecipientIsTemporary() async throws {
        let sink = try await SMTPSink.start(["--temp-fail-rcpt", "^later@"])
        defer { sink.stop() }
        let result = await Blocking.send(message(to: "later@example.org").rendered(messageID: "t@x"), to: "later@example.org",
                                         with: sink.configuration())
        let error = try #require(result.failure)
        #expect(!error.isPermanent)
        #expect(error.code == 451)
        #expect(error.reply == "451 4.3.0 try again later")
        #expect(error.command == "RCPT")
    }

    @Test func rejectedRecipientIsPermanentWith550() async throws {
        let sink = try await SMTPSink.start(["--reject-rcpt", "^nobody@"])
        defer { sink.stop() }
        let rendered = message(to: "nobody@example.org").rendered(messageID: "p@x")
        let result = await Blocking.send(rendered, to: "nobody@example.org", with: sink.configuration())
        let error = try #require(result.failure)
        #expect(error.isPermanent)
        #expect(error.code == 550)
        #expect(error.reply == "550 5.1.1 mailbox unavailable")
        #expect(error.command == "RCPT")
        #expect(error.description.contains("550 5.1.1 mailbox unavailable"))
        #expect(error.description.contains("permanent"))
        // Neither the message nor its personal link ends up in the error.
        #expect(!error.description.contains(link) && !error.reply.contains("Beste"))
        #expect(try sink.messages().isEmpty)

        // Other recipients are still accepted.
        let other = await Blocking.send(message().rendered(messageID: "q@x"), to: "lid@example.org", with: sink.configuration())
        #expect(throws: Never.self) { try other.get() }
    }

    @Test func refusedConnectionIsTemporaryWithAClearMessage() async throws {
        let port = try freePort()
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .none, timeoutSeconds: 5)
        let result = await Blocking.send("Subject: x\r\n\r\nx\r\n", to: "lid@example.org", with: configuration)
        let error = try #require(result.failure)
        #expect(!error.isPermanent)
        #expect(error.code == nil)
        #expect(error.reply.contains("connect"), "reply: \(error.reply)")
        #expect(error.description.contains("127.0.0.1:\(port)"))
        #expect(error.description.contains("temporary"))
    }

    @Test func silentServerTimesOutAsTemporary() async throws {
        let silent = try ListeningSocket(backlog: 4)
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: silent.port, security: .none, timeoutSeconds: 1)
        let started = Date()
        let result = await Blocking.send("Subject: x\r\n\r\nx\r\n", to: "lid@example.org", with: configuration)
        let error = try #require(result.failure)
        // The 1-second timeout applies, not libcurl's default of minutes (bound generous: machines are shared).
        #expect(Date().timeIntervalSince(started) < 25)
        #expect(!error.isPermanent)
        #expect(error.code == nil)
        #expect(error.reply.lowercased().contains("timed out"), "reply: \(error.reply)")
        withExtendedLifetime(silent) {}
    }

    /// Decision: a relay that does not offer the STARTTLS the configuration requires is a *temporary*
    /// failure. It is a fault of the relay or of the path to it (a misconfiguration, or someone stripping
    /// STARTTLS), not of this message, so the outbox keeps every message and shows the failure until the
    /// relay or the setting is fixed; nothing is ever sent in clear text.
    @Test func requiredStartTLSMissingIsATemporaryClearError() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let result = await Blocking.send(message().rendered(messageID: "tls@x"), to: "lid@example.org",
                                         with: sink.configuration(security: .startTLS))
        let error = try #require(result.failure)
        #expect(!error.isPermanent)
        #expect(error.code == nil)
        #expect(error.reply.contains("does not offer STARTTLS"), "reply: \(error.reply)")
        #expect(error.description.contains("STARTTLS"))
        #expect(try sink.messages().isEmpty)
    }

    @Test func startTLSDeliversWhenTheCertificateIsTrusted() async throws {
        let certificate = try await SelfSignedCertificate.make()
        defer { certificate.remove() }
        let sink = try await SMTPSink.start(["--tls-cert", certificate.certificate, "--tls-key", certificate.key])
        defer { sink.stop() }
        let rendered = message().rendered(messageID: "tls@draagvlak.test")
        let result = await Blocking.send(rendered, to: "lid@example.org",
                                         with: sink.configuration(security: .startTLS, caFile: certificate.certificate))
        #expect(throws: Never.self) { try result.get() }
        let stored = try sink.messages()
        try #require(stored.count == 1)
        #expect(withoutTrace(stored[0]).message == rendered)
    }

    @Test func startTLSRefusesAnUntrustedCertificate() async throws {
        let certificate = try await SelfSignedCertificate.make()
        defer { certificate.remove() }
        let sink = try await SMTPSink.start(["--tls-cert", certificate.certificate, "--tls-key", certificate.key])
        defer { sink.stop() }
        let result = await Blocking.send(message().rendered(messageID: "tls@x"), to: "lid@example.org",
                                         with: sink.configuration(security: .startTLS))
        let error = try #require(result.failure)
        #expect(!error.isPermanent)
        #expect(error.reply.lowercased().contains("certificate"), "reply: \(error.reply)")
        #expect(try sink.messages().isEmpty)
    }

    @Test(arguments: ["", "lid@example.org\r\nRCPT TO:<extra@example.org>", "lid@example.org>", "<lid@example.org", "a b@example.org"])
    func recipientsThatCouldInjectCommandsAreRefusedPermanentlyWithoutConnecting(_ address: String) async throws {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: try freePort(), security: .none, timeoutSeconds: 5)
        let result = await Blocking.send("Subject: x\r\n\r\nx\r\n", to: address, with: configuration)
        let error = try #require(result.failure)
        #expect(error.isPermanent)
        #expect(error.reply.contains("recipient address"))
    }

    @Test func invalidSenderIsATemporaryConfigurationError() async throws {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: try freePort(), security: .none, timeoutSeconds: 5)
        let result = await Blocking.send("Subject: x\r\n\r\nx\r\n", from: "panel@example.org\nX", to: "lid@example.org", with: configuration)
        let error = try #require(result.failure)
        #expect(!error.isPermanent)
        #expect(error.reply.contains("sender address"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// A throw-away certificate for 127.0.0.1 made with the openssl command (Debian package openssl).
struct SelfSignedCertificate {
    let certificate: String
    let key: String

    func remove() { try? FileManager.default.removeItem(atPath: (certificate as NSString).deletingLastPathComponent) }

    static func make() async throws -> SelfSignedCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let made = SelfSignedCertificate(certificate: folder + "/cert.pem", key: folder + "/key.pem")
        let status = try await Blocking.run { () throws -> Int32 in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", made.key, "-out", made.certificate,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard status == 0 else {
            throw SMTPSink.Unavailable(description: "openssl req failed (status \(status)); the TLS tests need the Debian package openssl")
        }
        return made
    }
}

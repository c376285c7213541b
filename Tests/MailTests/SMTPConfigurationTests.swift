import Testing
@testable import Mail

@Suite struct SMTPConfigurationTests {
    @Test func portDefaultsFollowTheSecurity() {
        #expect(SMTPConfiguration(host: "smtp.example.org").port == 587)
        #expect(SMTPConfiguration(host: "smtp.example.org", security: .tls).port == 465)
        #expect(SMTPConfiguration(host: "smtp.example.org", security: .none).port == 25)
        #expect(SMTPConfiguration(host: "smtp.example.org", port: 2525, security: .tls).port == 2525)
    }

    @Test func urlsUseTheSchemeAndHeloDomain() {
        #expect(SMTPSender.url(for: SMTPConfiguration(host: "smtp.example.org")) == "smtp://smtp.example.org:587")
        #expect(SMTPSender.url(for: SMTPConfiguration(host: "smtp.example.org", security: .tls, heloDomain: "gemeente.nl"))
            == "smtps://smtp.example.org:465/gemeente.nl")
        #expect(SMTPSender.url(for: SMTPConfiguration(host: "::1", port: 25, security: .none)) == "smtp://[::1]:25")
        #expect(SMTPSender.url(for: SMTPConfiguration(host: "h", heloDomain: "a b/c")) == "smtp://h:587/a%20b%2Fc")
    }

    @Test(arguments: ["", "evil.example/x", "user@host", "host?x", "host name", "host#frag"])
    func hostsThatWouldChangeTheURLAreRefused(_ host: String) {
        #expect(SMTPSender.url(for: SMTPConfiguration(host: host)) == nil)
    }

    @Test(arguments: [0, -1, 65536])
    func portsOutOfRangeAreRefused(_ port: Int) {
        #expect(SMTPSender.url(for: SMTPConfiguration(host: "h", port: port)) == nil)
    }

    @Test func printedFormsNeverShowThePassword() {
        let configuration = SMTPConfiguration(host: "smtp.example.org", username: "panel", password: "geheim-wachtwoord-123")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in ["\(configuration)", String(reflecting: configuration), dumped] {
            #expect(!text.contains("geheim"), "password leaked: \(text)")
            #expect(text.contains("smtp.example.org"))
        }
        #expect("\(configuration)".contains("redacted"))
    }

    @Test func envelopePathsAreBracketedAndCheckedForInjection() {
        #expect(SMTPSender.envelopePath("lid@example.org") == "<lid@example.org>")
        #expect(SMTPSender.envelopePath("lid@voorbeeld.nl") == "<lid@voorbeeld.nl>")
        for bad in ["", "a\r\nb", "a\0b", "a b", "<a>", "a\tb"] { #expect(SMTPSender.envelopePath(bad) == nil) }
    }

    @Test func wireFormatEndsEveryLineWithCRLF() {
        #expect(SMTPSender.wireFormat("a\nb\r\nc") == Array("a\r\nb\r\nc\r\n".utf8))
        #expect(SMTPSender.wireFormat("a\r\n") == Array("a\r\n".utf8))
        #expect(SMTPSender.wireFormat("") == [])
    }

    @Test func errorDescriptionsSayWhatAndWhetherToRetry() {
        let permanent = SMTPError(isPermanent: true, reply: "550 5.1.1 no such user", code: 550, relay: "h:25", command: "RCPT")
        #expect(permanent.description == "SMTP server via h:25 replied to RCPT: 550 5.1.1 no such user (permanent failure, retrying will not help)")
        let temporary = SMTPError(isPermanent: false, reply: "Failed to connect", relay: "h:25")
        #expect(temporary.description == "SMTP delivery via h:25 failed: Failed to connect (temporary failure, retrying may help)")
        let multiLine = SMTPError(isPermanent: false, reply: "451-first\n451 second", code: 451)
        #expect(multiLine.description.contains("451-first 451 second"))
    }
}

@Suite struct SMTPTranscriptTests {
    func feed(_ transcript: SMTPTranscript, server text: String) {
        Array(text.utf8).withUnsafeBufferPointer { transcript.serverSent($0) }
    }

    func feed(_ transcript: SMTPTranscript, client text: String) {
        Array(text.utf8).withUnsafeBufferPointer { transcript.clientSent($0) }
    }

    @Test func collectsCompleteRepliesWithTheCommandTheyAnswer() {
        let transcript = SMTPTranscript()
        feed(transcript, server: "220 sink ESMTP\r\n")
        #expect(transcript.lastReply == .init(lines: ["220 sink ESMTP"], command: "greeting"))
        feed(transcript, client: "EHLO draagvlak.test\r\n")
        feed(transcript, server: "250-sink\r\n")
        feed(transcript, server: "250-SIZE 1000\r\n")
        #expect(transcript.lastReply?.code == 220, "an unfinished reply does not count yet")
        feed(transcript, server: "250 HELP\r\n")
        #expect(transcript.lastReply == .init(lines: ["250-sink", "250-SIZE 1000", "250 HELP"], command: "EHLO"))
        feed(transcript, client: "RCPT TO:<x@example.org>\r\n")
        feed(transcript, server: "550 5.1.1 no such user\r\n")
        feed(transcript, client: "QUIT\r\n")
        feed(transcript, server: "221 2.0.0 Bye\r\n")
        #expect(transcript.lastReply?.code == 221)
        #expect(transcript.lastReply(withCode: 550) == .init(lines: ["550 5.1.1 no such user"], command: "RCPT"))
        #expect(transcript.lastReply(withCode: 451) == nil)
    }

    @Test func severalLinesInOneCallbackAreSplitOnBytes() {
        let transcript = SMTPTranscript()
        feed(transcript, server: "250-a\r\n250 b\r\n")
        #expect(transcript.lastReply?.lines == ["250-a", "250 b"])
    }

    @Test func credentialLinesAreNeverKept() {
        let transcript = SMTPTranscript()
        feed(transcript, client: "AUTH LOGIN\r\n")
        feed(transcript, client: "Z2VoZWlt\r\n")  // base64 of a password, alone on its line
        feed(transcript, server: "535 5.7.8 authentication failed\r\n")
        #expect(transcript.lastReply == .init(lines: ["535 5.7.8 authentication failed"], command: "AUTH"))
    }

    @Test func replyAfterTheMessageIsAttributedToTheEndOfData() {
        let transcript = SMTPTranscript()
        feed(transcript, client: "DATA\r\n")
        feed(transcript, server: "354 go ahead\r\n")
        transcript.clientSentData()
        feed(transcript, server: "451 4.3.0 try again later\r\n")
        #expect(transcript.lastReply(withCode: 451)?.command == "end of data")
    }
}

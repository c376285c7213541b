import CCurl
import Foundation

/// Delivers rendered messages to an SMTP relay through libcurl, one connection per message.
///
/// `send` blocks until the relay has accepted or refused the message (at most
/// ``SMTPConfiguration/timeoutSeconds``), so callers run it on a dedicated thread, never on the
/// cooperative pool. Nothing is shared between calls, so several threads may send at once.
///
/// ```swift
/// let sender = SMTPSender(configuration: SMTPConfiguration(host: "smtp.example.org", security: .startTLS))
/// do {
///     try sender.send(message.rendered(messageID: id), from: "panel@example.org", to: "lid@example.org")
/// } catch {
///     if error.isPermanent { /* mark the message failed */ } else { /* retry later, with back-off */ }
/// }
/// ```
public final class SMTPSender: Sendable {
    public let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) { self.configuration = configuration }

    /// Sends `rendered` (an RFC 5322 message, as ``EmailMessage/rendered(messageID:)`` makes it) with
    /// envelope sender `from` and the single recipient `to` (bare addresses, no display names).
    /// Throws ``SMTPError``, classified permanent or temporary; see there.
    public func send(_ rendered: String, from: String, to: String) throws(SMTPError) {
        let relay = configuration.relay
        guard let recipient = Self.envelopePath(to) else {
            throw SMTPError(
                isPermanent: true, reply: "the recipient address is empty or contains characters SMTP does not allow",
                relay: relay)
        }
        guard let sender = Self.envelopePath(from) else {
            // A setting, not this message, is wrong: every message would fail the same way until it is fixed.
            throw SMTPError(
                isPermanent: false, reply: "the sender address is empty or contains characters SMTP does not allow",
                relay: relay)
        }
        guard let url = Self.url(for: configuration) else {
            throw SMTPError(
                isPermanent: false,
                reply: "the relay host or port is not valid (host \(configuration.host.debugDescription), port \(configuration.port))",
                relay: relay)
        }

        let transcript = SMTPTranscript()
        let easy: CurlEasy
        do {
            easy = try prepare(url: url, from: sender, to: recipient, body: Self.wireFormat(rendered), transcript: transcript)
        } catch {
            throw SMTPError(isPermanent: false, reply: error.description, relay: relay)
        }
        let result = easy.perform()
        guard result != CURLE_OK else { return }
        throw classify(result, responseCode: (try? easy.info(CURLINFO_RESPONSE_CODE)) ?? 0,
                       libcurlText: easy.errorText(for: result), transcript: transcript)
    }

    // MARK: - Setting up the transfer

    private func prepare(url: String, from: String, to: String, body: [UInt8], transcript: SMTPTranscript) throws(CurlError)
        -> CurlEasy
    {
        let easy = try CurlEasy()
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        // Signals for timeouts are not thread-safe; callers send from their own threads.
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_TIMEOUT, configuration.timeoutSeconds)
        try easy.set(CURLOPT_CONNECTTIMEOUT, configuration.timeoutSeconds)
        switch configuration.security {
        case .none: try easy.set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        // CURLUSESSL_ALL makes a missing STARTTLS an error rather than a quiet fallback to clear text.
        case .startTLS, .tls: try easy.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
        if let caFile = configuration.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        if let username = configuration.username { try easy.set(CURLOPT_USERNAME, username) }
        if let password = configuration.password { try easy.set(CURLOPT_PASSWORD, password) }

        try easy.set(CURLOPT_MAIL_FROM, from)
        try easy.set(CURLOPT_MAIL_RCPT, try CurlStringList([to]))

        try easy.set(CURLOPT_UPLOAD, true)
        try easy.set(CURLOPT_READDATA, context: UploadSource(body))
        try easy.setReadCallback { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            return Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
        }

        // The debug callback is how the server's reply text is captured (see SMTPTranscript); it is
        // only called in verbose mode, and then replaces libcurl's own output to stderr.
        try easy.set(CURLOPT_VERBOSE, true)
        try easy.set(CURLOPT_DEBUGDATA, context: transcript)
        try easy.setDebugCallback { _, type, data, size, context in
            guard let data, let context else { return 0 }
            let transcript = Unmanaged<SMTPTranscript>.fromOpaque(context).takeUnretainedValue()
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size)
            switch type {
            case CURLINFO_HEADER_IN: transcript.serverSent(bytes)
            case CURLINFO_HEADER_OUT: transcript.clientSent(bytes)
            case CURLINFO_DATA_OUT: transcript.clientSentData()
            default: break
            }
            return 0
        }
        return easy
    }

    // MARK: - Classifying failures

    private func classify(_ result: CURLcode, responseCode: Int, libcurlText: String, transcript: SMTPTranscript) -> SMTPError {
        let relay = configuration.relay
        // libcurl keeps the code of the last reply even when a later step (a dropped connection) failed;
        // only a 4xx or 5xx code is the reason for the failure.
        if (400...599).contains(responseCode) {
            let reply = transcript.lastReply(withCode: responseCode)
            return SMTPError(
                isPermanent: responseCode >= 500,
                reply: redacted(reply?.lines.joined(separator: "\n") ?? "\(responseCode) (libcurl: \(libcurlText))"),
                code: responseCode, relay: relay, command: reply?.command)
        }
        if result == CURLE_USE_SSL_FAILED {
            return SMTPError(
                isPermanent: false,
                reply: "the server does not offer STARTTLS, which the configuration requires; nothing was sent (libcurl: \(libcurlText))",
                relay: relay)
        }
        return SMTPError(isPermanent: false, reply: redacted(libcurlText), relay: relay)
    }

    /// Defence in depth: should a server ever echo the password, it does not travel on in the error.
    private func redacted(_ text: String) -> String {
        guard let password = configuration.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "[redacted]")
    }

    // MARK: - Envelope, URL and wire format

    /// `<address>` for MAIL FROM / RCPT TO, or nil when the address is empty or holds characters that
    /// could end the command or start another (CR, LF, NUL and other controls, spaces, angle brackets).
    static func envelopePath(_ address: String) -> String? {
        guard !address.isEmpty,
            address.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value != 127 && $0 != "<" && $0 != ">" })
        else { return nil }
        return "<\(address)>"
    }

    /// `smtp://host:port/helo` or `smtps://…`; libcurl takes the path as the EHLO domain.
    /// nil when the host could smuggle in other URL parts or the port is out of range.
    static func url(for configuration: SMTPConfiguration) -> String? {
        let host = configuration.host
        let allowedHost = host.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-_:[]".unicodeScalars.contains($0)
        }
        guard !host.isEmpty, allowedHost, (1...65535).contains(configuration.port) else { return nil }
        let scheme = configuration.security == .tls ? "smtps" : "smtp"
        let helo = configuration.heloDomain.map { "/" + percentEncoded($0) } ?? ""
        return "\(scheme)://\(configuration.relay)\(helo)"
    }

    private static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            if unreserved { out.append(byte) } else { out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The message with every line ending as CRLF (SMTP forbids bare LF, RFC 5321 §2.3.8) and a final
    /// CRLF. Dot-stuffing and the terminating `.` are libcurl's job.
    static func wireFormat(_ rendered: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rendered.utf8.count + 2)
        var previous: UInt8 = 0
        for byte in rendered.utf8 {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { out.append(UInt8(ascii: "\r")) }
            out.append(byte)
            previous = byte
        }
        if !out.isEmpty && !(out.count >= 2 && out[out.count - 2] == 13 && out[out.count - 1] == 10) { out += [13, 10] }
        return out
    }
}

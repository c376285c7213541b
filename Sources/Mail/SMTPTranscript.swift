/// What libcurl's debug callback saw of one SMTP conversation, reduced to what an error needs: the last
/// complete server reply and the verb of the command it answered.
///
/// libcurl reports the numeric code of the last reply (`CURLINFO_RESPONSE_CODE`) but not its text, and
/// its error buffer says only "RCPT failed: 550". The text ("550 5.1.1 no such user") is what tells an
/// operator what went wrong, so the server's lines are collected here from `CURLINFO_HEADER_IN`.
///
/// Client lines (`CURLINFO_HEADER_OUT`) are reduced to a known command verb and otherwise dropped,
/// because AUTH sends credentials (in AUTH LOGIN, the password base64-encoded on a line of its own).
/// Message data (`CURLINFO_DATA_OUT`) is never looked at.
final class SMTPTranscript {
    private static let verbs: Set<String> = ["EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "VRFY"]

    /// The lines of the last complete reply, e.g. `["550 5.1.1 mailbox unavailable"]`.
    private(set) var lastReply: [String] = []
    /// The command `lastReply` answered: `RCPT`, `DATA`, or `end of data` for the reply after the message.
    private(set) var lastReplyCommand: String?

    private var pendingReply: [String] = []
    private var currentCommand: String? = "greeting"

    func serverSent(_ bytes: UnsafeBufferPointer<UInt8>) {
        for line in Self.lines(bytes) where !line.isEmpty {
            pendingReply.append(line)
            // The last line of a reply has a space (or nothing) after the code; others have a dash.
            let utf8 = Array(line.utf8)
            if utf8.count < 4 || utf8[3] != UInt8(ascii: "-") {
                lastReply = pendingReply
                lastReplyCommand = currentCommand
                pendingReply = []
            }
        }
    }

    func clientSent(_ bytes: UnsafeBufferPointer<UInt8>) {
        let firstWord = bytes.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        let verb = String(decoding: firstWord, as: UTF8.self).uppercased()
        if Self.verbs.contains(verb) { currentCommand = verb }
    }

    func clientSentData() { currentCommand = "end of data" }

    /// The code of the last complete reply, if it has one.
    var lastReplyCode: Int? { lastReply.last.flatMap { Int($0.prefix(3)) } }

    /// Split on bytes, not Characters: in Swift "\r\n" is one Character and never equals "\n".
    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...], as: UTF8.self)
        }
    }
}

@available(*, unavailable)
extension SMTPTranscript: Sendable {}

/// The message libcurl reads while uploading, from first byte to last.
final class UploadSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Copies up to `capacity` bytes into `buffer`; returns 0 once everything is sent, which ends DATA.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

@available(*, unavailable)
extension UploadSource: Sendable {}

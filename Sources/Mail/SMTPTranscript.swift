/// What libcurl's debug callback saw of one SMTP conversation, reduced to what an error needs: the
/// server's replies and the verb of the command each answered.
///
/// libcurl reports the numeric code of the failing reply (`CURLINFO_RESPONSE_CODE`) but not its text,
/// and its error buffer says only "RCPT failed: 550". The text ("550 5.1.1 no such user") is what tells
/// an operator what went wrong, so the server's lines are collected here from `CURLINFO_HEADER_IN`.
/// The failing reply is not always the last one: after a refused RCPT, libcurl still says QUIT and
/// reads "221 Bye", so replies are kept and looked up by code.
///
/// Client lines (`CURLINFO_HEADER_OUT`) are reduced to a known command verb and otherwise dropped,
/// because AUTH sends credentials (in AUTH LOGIN, the password base64-encoded on a line of its own).
/// Message data (`CURLINFO_DATA_OUT`) is never looked at.
final class SMTPTranscript {
    struct Reply: Equatable {
        /// All lines, e.g. `["250-smtp.example.org", "250 SIZE 1000"]`.
        var lines: [String]
        /// The command this reply answered: `greeting`, `EHLO`, `RCPT`, `end of data` (the reply after
        /// the message itself), ….
        var command: String?

        var code: Int? { lines.last.flatMap { Int($0.prefix(3)) } }
    }

    private static let verbs: Set<String> = ["EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "VRFY"]
    /// A conversation for one message has a dozen replies; the bound only guards against a chatty server.
    private static let keptReplies = 64

    /// Complete replies, oldest first.
    private(set) var replies: [Reply] = []
    private var pendingLines: [String] = []
    private var currentCommand: String? = "greeting"

    func serverSent(_ bytes: UnsafeBufferPointer<UInt8>) {
        for line in Self.lines(bytes) where !line.isEmpty {
            pendingLines.append(line)
            // The last line of a reply has a space (or nothing) after the code; others have a dash.
            let utf8 = Array(line.utf8)
            if utf8.count < 4 || utf8[3] != UInt8(ascii: "-") {
                replies.append(Reply(lines: pendingLines, command: currentCommand))
                if replies.count > Self.keptReplies { replies.removeFirst() }
                pendingLines = []
            }
        }
    }

    func clientSent(_ bytes: UnsafeBufferPointer<UInt8>) {
        let firstWord = bytes.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        let verb = String(decoding: firstWord, as: UTF8.self).uppercased()
        if Self.verbs.contains(verb) { currentCommand = verb }
    }

    func clientSentData() { currentCommand = "end of data" }

    var lastReply: Reply? { replies.last }

    /// The most recent reply with this code: the one libcurl's `CURLINFO_RESPONSE_CODE` refers to.
    func lastReply(withCode code: Int) -> Reply? { replies.last { $0.code == code } }

    /// Split on bytes, not Characters: in Swift "\r\n" is one Character and never equals "\n".
    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...], as: UTF8.self)
        }
    }
}

@available(*, unavailable)
extension SMTPTranscript: Sendable {}

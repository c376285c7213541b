import Foundation
import Secrets

/// An e-mail with a plain-text part and an optional HTML alternative, rendered as RFC 5322 + MIME.
/// Non-ASCII text is allowed everywhere: headers are RFC 2047-encoded, bodies quoted-printable.
public struct EmailMessage: Sendable {
    public var from: Mailbox
    public var to: Mailbox
    public var subject: String
    public var text: String
    public var html: String?
    public var date: Date
    /// Extra header fields, e.g. `List-Unsubscribe`.
    public var extraHeaders: [(name: String, value: String)]

    public init(from: Mailbox, to: Mailbox, subject: String, text: String, html: String? = nil, date: Date = Date(),
                extraHeaders: [(name: String, value: String)] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.extraHeaders = extraHeaders
    }

    /// The message as it goes on the wire or into an `.eml` file, CRLF line endings.
    public func rendered(messageID: String) -> String {
        var lines = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(from.headerValue)",
            "To: \(to.headerValue)",
            "Subject: \(MIME.encodedWord(subject))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        for (name, value) in extraHeaders where !name.contains(where: \.isNewline) && !value.contains(where: \.isNewline) {
            lines.append("\(name): \(value)")
        }
        if let html {
            let boundary = "=_draagvlak_\(messageID.prefix(16))"
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("--\(boundary)")
            lines.append(contentsOf: MIME.part(text, subtype: "plain"))
            lines.append("--\(boundary)")
            lines.append(contentsOf: MIME.part(html, subtype: "html"))
            lines.append("--\(boundary)--")
        } else {
            lines.append(contentsOf: MIME.part(text, subtype: "plain"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A unique Message-ID local part @ domain, from the CSPRNG.
    public static func newMessageID(domain: String) throws(SecretsError) -> String {
        "\(Hex.encode(try SecureRandom.bytes(16)))@\(domain)"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// A display name and an address.
public struct Mailbox: Hashable, Sendable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    var headerValue: String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        return "\(MIME.encodedWord(name)) <\(address)>"
    }
}

enum MIME {
    /// A header value as-is when plain printable ASCII, else as an RFC 2047 base64 encoded-word.
    static func encodedWord(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { $0 >= 32 && $0 < 127 } && !text.contains("=?")
        if plain { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func part(_ body: String, subtype: String) -> [String] {
        ["Content-Type: text/\(subtype); charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "", quotedPrintable(body)]
    }

    /// RFC 2045 quoted-printable with soft line breaks under 76 characters; CRLF line endings.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded: [UInt8] = []
            var column = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast)
                let piece: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                if column + piece.count > 75 {
                    encoded.append(contentsOf: Array("=\r\n".utf8))
                    column = 0
                }
                encoded.append(contentsOf: piece)
                column += piece.count
            }
            output.append(String(decoding: encoded, as: UTF8.self))
        }
        return output.joined(separator: "\r\n")
    }
}

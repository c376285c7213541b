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

    /// `Mon, 23 Nov 2026 16:45:15 +0000`. Composed by hand: a DateFormatter per message cost more
    /// than rendering the rest of an invitation.
    static func rfc5322Date(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var utc = tm()
        gmtime_r(&seconds, &utc)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(utc.tm_wday)]), \(two(utc.tm_mday)) \(months[Int(utc.tm_mon)]) \(utc.tm_year + 1900) "
            + "\(two(utc.tm_hour)):\(two(utc.tm_min)):\(two(utc.tm_sec)) +0000"
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
    /// Works on the UTF-8 bytes in one pass: string operations per line cost more than the mail.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let bytes = Array(text.utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count + bytes.count / 8)
        var column = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // A line ends at LF or CRLF; a lone CR is data.
            if byte == 10 || (byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) {
                encoded += [13, 10]
                column = 0
                index += byte == 13 ? 2 : 1
                continue
            }
            let endsLine = index + 1 == bytes.count || bytes[index + 1] == 10
                || (bytes[index + 1] == 13 && index + 2 < bytes.count && bytes[index + 2] == 10)
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !endsLine)
            let width = literal ? 1 : 3
            if column + width > 75 {
                encoded += [UInt8(ascii: "="), 13, 10]
                column = 0
            }
            if literal {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "="))
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 15)])
            }
            column += width
            index += 1
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}

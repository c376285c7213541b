/// Parses a `Cookie` request header (`a=1; b=2`) into names and values; the first of a repeated name
/// wins, as browsers send the most specific cookie first.
public enum Cookies {
    public static func parse(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingWhitespace()
            var value = parts[1].trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if cookies[name] == nil { cookies[name] = value }
        }
        return cookies
    }
}

/// A `Set-Cookie` response header value with safe defaults: HttpOnly, SameSite=Lax, Path=/.
public struct SetCookie: Sendable {
    public var name: String
    public var value: String
    public var path = "/"
    public var maxAgeSeconds: Int?
    public var httpOnly = true
    public var secure = false
    /// `Lax`, or `Strict` for cookies that must never ride along on a link from another site.
    public var sameSite = "Lax"

    public init(name: String, value: String, maxAgeSeconds: Int? = nil, secure: Bool = false) {
        self.name = name
        self.value = value
        self.maxAgeSeconds = maxAgeSeconds
        self.secure = secure
    }

    public var headerValue: String {
        var parts = ["\(name)=\(value)", "Path=\(path)", "SameSite=\(sameSite)"]
        if let maxAgeSeconds { parts.append("Max-Age=\(maxAgeSeconds)") }
        if httpOnly { parts.append("HttpOnly") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

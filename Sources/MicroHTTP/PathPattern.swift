/// A path pattern: literal segments, `:name` segments that capture one segment, and an optional final
/// `*` that captures the rest under the name `*`. Shared by the router and the access log's redaction.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    let parts: [Substring]

    public init(_ text: String) {
        self.text = text
        self.parts = PathPattern.segments(of: text)
    }

    public var description: String { text }

    static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// The captured parameters when `path` matches, else nil.
    public func match(_ path: String) -> [String: String]? { match(segments: Self.segments(of: path)) }

    func match(segments: [Substring]) -> [String: String]? {
        // Every request is tried against the routes in turn, so a route that cannot match says so
        // before building any capture: by segment count, then by its literal segments.
        let wildcard = parts.last == "*"
        guard wildcard ? segments.count >= parts.count : segments.count == parts.count else { return nil }
        for (index, part) in parts.enumerated() where part != "*" && !part.hasPrefix(":") && part != segments[index] { return nil }
        var parameters: [String: String] = [:]
        for (index, part) in parts.enumerated() {
            guard index < segments.count else { return nil }
            if part == "*" {
                parameters["*"] = segments[index...].joined(separator: "/")
                return parameters
            }
            if part.hasPrefix(":") {
                parameters[String(part.dropFirst())] = String(segments[index])
            } else if part != segments[index] {
                return nil
            }
        }
        return segments.count == parts.count ? parameters : nil
    }

    /// `path` with the segments captured by the named parameters replaced by `replacement`.
    func redact(_ path: String, parameters names: Set<String>, replacement: String) -> String? {
        redact(segments: Self.segments(of: path), parameters: names, replacement: replacement)
    }

    func redact(segments: [Substring], parameters names: Set<String>, replacement: String) -> String? {
        guard match(segments: segments) != nil else { return nil }
        var out = segments.map(String.init)
        for (index, part) in parts.enumerated() where part.hasPrefix(":") && names.contains(String(part.dropFirst())) {
            out[index] = replacement
        }
        return "/" + out.joined(separator: "/")
    }
}

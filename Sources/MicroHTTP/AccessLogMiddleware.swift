import Foundation
import Logging

/// Logs one line per request: method, path, status, bytes and milliseconds.
///
/// Paths matching a ``secretPatterns`` entry are logged with their `:token`-style parameters replaced
/// by `…`; any other path has each segment of 16 or more characters replaced, since a mistyped link
/// still holds most of a token. The query string is never logged.
public struct AccessLogMiddleware: Middleware {
    public let logger: Logger
    public let secretPatterns: [PathPattern]
    public let secretParameters: Set<String>

    public init(logger: Logger, secretPatterns: [String] = [], secretParameters: Set<String> = ["token"]) {
        self.logger = logger
        self.secretPatterns = secretPatterns.map(PathPattern.init)
        self.secretParameters = secretParameters
    }

    public func handle(_ request: Request, next: any HTTPResponder) async throws -> Response {
        let start = ContinuousClock.now
        var status = "500"
        var bytes = 0
        defer {
            // Tenths of a millisecond by integer arithmetic: String(format:) costs more than the rest of the line.
            let tenths = (ContinuousClock.now - start) / .microseconds(100)
            let elapsed = "\(Int(tenths) / 10).\(Int(tenths) % 10)"
            logger.info("\(request.method) \(redactedPath(request.path)) \(status) \(bytes)B \(elapsed)ms")
        }
        do {
            let response = try await next.respond(to: request)
            status = String(response.status.code)
            bytes = response.body.count
            return response
        } catch let error as any HTTPResponseError {
            // A thrown page (404 for an unknown link, 429 for a guesser) is answered as that page.
            let response = error.response()
            status = String(response.status.code)
            bytes = response.body.count
            throw error
        }
    }

    /// The request path, safe to write to a log.
    public func redactedPath(_ path: String) -> String {
        let segments = PathPattern.segments(of: path)
        for pattern in secretPatterns {
            if let redacted = pattern.redact(segments: segments, parameters: secretParameters, replacement: "…") { return redacted }
        }
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.count >= 16 ? "…" : String($0) }.joined(separator: "/")
    }
}

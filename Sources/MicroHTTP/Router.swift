/// Routes requests by method and path pattern. Patterns are literal segments, `:name` segments that
/// capture one segment into ``Request/pathParameters``, and a final `*` that captures the rest as `*`.
///
/// HEAD is answered by the GET route (libmicrohttpd leaves out the body). A path that matches with
/// another method gets 405 with `Allow`; no match at all goes to ``notFound``.
public struct Router: HTTPResponder {
    private var routes: [Route] = []
    public var notFound: any HTTPResponder = ClosureResponder { _ in .text("Not Found\n", status: .notFound) }

    public init() {}

    public typealias Handler = @Sendable (Request) async throws -> Response

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: PathPattern(pattern), handler: handler))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }

    public func respond(to request: Request) async throws -> Response {
        let segments = PathPattern.segments(of: request.path)
        var allowed: Set<String> = []
        let wanted = request.method == .head ? HTTPMethod.get : request.method
        for route in routes {
            guard let parameters = route.pattern.match(segments: segments) else { continue }
            guard route.method == wanted else {
                allowed.insert(route.method.rawValue)
                if route.method == .get { allowed.insert("HEAD") }
                continue
            }
            var routed = request
            routed.pathParameters = parameters
            routed.route = route.pattern.text
            return try await route.handler(routed)
        }
        if !allowed.isEmpty {
            var response = Response.text("Method Not Allowed\n", status: .methodNotAllowed)
            response.headers["Allow"] = allowed.sorted().joined(separator: ", ")
            return response
        }
        return try await notFound.respond(to: request)
    }

    private struct Route: Sendable {
        let method: HTTPMethod
        let pattern: PathPattern
        let handler: Handler
    }
}

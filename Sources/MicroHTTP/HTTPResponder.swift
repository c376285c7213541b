/// Anything that turns a request into a response: a router, a handler, a middleware chain.
public protocol HTTPResponder: Sendable {
    func respond(to request: Request) async throws -> Response
}

/// A responder made from a closure.
public struct ClosureResponder: HTTPResponder {
    public let closure: @Sendable (Request) async throws -> Response
    public init(_ closure: @escaping @Sendable (Request) async throws -> Response) { self.closure = closure }
    public func respond(to request: Request) async throws -> Response { try await closure(request) }
}

/// An error that knows the response it should become (e.g. 404 with a page). Errors that do not
/// conform become a plain 500 and are logged.
public protocol HTTPResponseError: Error {
    func response() -> Response
}

extension RequestError: HTTPResponseError {
    public func response() -> Response { .text("\(status.reason): \(message)\n", status: status) }
}

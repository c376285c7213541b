/// Wraps a responder to act before and after it (logging, headers, authentication).
public protocol Middleware: Sendable {
    func handle(_ request: Request, next: any HTTPResponder) async throws -> Response
}

/// A responder preceded by middleware, applied outermost first.
public struct MiddlewareChain: HTTPResponder {
    private let responder: any HTTPResponder

    public init(_ middleware: [any Middleware], responder: any HTTPResponder) {
        self.responder = middleware.reversed().reduce(responder) { next, middleware in
            Link(middleware: middleware, next: next)
        }
    }

    public func respond(to request: Request) async throws -> Response { try await responder.respond(to: request) }

    private struct Link: HTTPResponder {
        let middleware: any Middleware
        let next: any HTTPResponder
        func respond(to request: Request) async throws -> Response { try await middleware.handle(request, next: next) }
    }
}

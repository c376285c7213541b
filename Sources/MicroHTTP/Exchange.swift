import CMicroHTTPD
import Synchronization

/// The state of one request on one connection, from the URI-log callback that creates it to the
/// completion callback that frees it. libmicrohttpd hands it back as `*con_cls` on every call.
///
/// `@unchecked Sendable` because it does cross threads, safely: all fields but ``handling`` are touched
/// only by the libmicrohttpd thread that owns the connection (a connection never moves between pool
/// threads); ``handling`` is shared with the handler task, behind its mutex.
final class Exchange: @unchecked Sendable {
    enum Phase {
        case awaitingHeaders
        case receivingBody
        case handling
    }

    /// Where the handler is. It starts on the connection's thread; if it finishes there, the response
    /// is queued at once, otherwise the connection is suspended until the handler task resumes it.
    enum Handling {
        case running
        case suspended
        case finished(Response)
    }

    let rawTarget: String
    var phase = Phase.awaitingHeaders
    var body: [UInt8] = []
    var bodyTooLarge = false
    let handling = Mutex(Handling.running)

    init(rawTarget: String) { self.rawTarget = rawTarget }

    /// Called by the handler task with its response: true when the connection was suspended meanwhile
    /// and must now be resumed to send it.
    func finish(with response: Response) -> Bool {
        handling.withLock { state in
            defer { state = .finished(response) }
            if case .suspended = state { return true }
            return false
        }
    }

    /// The response, once the handler has finished (taken: it is queued once).
    func takeResponse() -> Response? {
        handling.withLock { state in
            guard case .finished(let response) = state else { return nil }
            state = .running
            return response
        }
    }
}

/// A connection pointer carried into the handler task, which calls `MHD_resume_connection` on it.
/// Safe to send: the connection stays alive while suspended, and resuming is thread-safe in
/// libmicrohttpd (it signals the owning thread through its inter-thread channel).
struct SuspendedConnection: @unchecked Sendable {
    let pointer: OpaquePointer

    func resume() { MHD_resume_connection(pointer) }
}

import CMicroHTTPD
import Synchronization

/// The state of one request on one connection, from the URI-log callback that creates it to the
/// completion callback that frees it. libmicrohttpd hands it back as `*con_cls` on every call.
///
/// `@unchecked Sendable` because it does cross threads, safely: all fields but ``response`` are touched
/// only by the libmicrohttpd thread that owns the connection (a connection never moves between pool
/// threads); ``response`` is written by the handler task and read after `MHD_resume_connection`, and
/// the mutex orders the two.
final class Exchange: @unchecked Sendable {
    enum Phase {
        case awaitingHeaders
        case receivingBody
        case handling
    }

    let rawTarget: String
    var phase = Phase.awaitingHeaders
    var body: [UInt8] = []
    var bodyTooLarge = false
    let response = Mutex<Response?>(nil)

    init(rawTarget: String) { self.rawTarget = rawTarget }
}

/// A connection pointer carried into the handler task, which calls `MHD_resume_connection` on it.
/// Safe to send: the connection stays alive while suspended, and resuming is thread-safe in
/// libmicrohttpd (it signals the owning thread through its inter-thread channel).
struct SuspendedConnection: @unchecked Sendable {
    let pointer: OpaquePointer

    func resume() { MHD_resume_connection(pointer) }
}

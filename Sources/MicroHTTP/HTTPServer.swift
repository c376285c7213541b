import CMicroHTTPD
import Foundation
import Logging
import Synchronization

/// An HTTP/1.1 server on libmicrohttpd: epoll event loops on a small thread pool, each request handed
/// to a Swift task while its connection is suspended, and resumed when the response is ready.
///
/// ```swift
/// let server = try HTTPServer(configuration: .init(port: 0), responder: router, logger: logger)
/// print(server.port)
/// server.shutdown()   // stop accepting, finish requests in flight, stop
/// ```
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    /// The port actually bound (differs from the configuration when it asked for 0).
    public let port: UInt16
    let context: ServerContext
    private let daemon: DaemonHandle

    public init(configuration: ServerConfiguration, responder: any HTTPResponder, logger: Logger) throws(ServerError) {
        self.configuration = configuration
        let context = ServerContext(responder: responder, configuration: configuration, logger: logger)
        self.context = context
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue
            | MHD_ALLOW_SUSPEND_RESUME.rawValue | MHD_USE_ERROR_LOG.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        let unmanaged = Unmanaged.passRetained(context)
        let started: OpaquePointer? = address.withSockaddr { sockaddr in
            var settings = CMicroHTTPD_Settings()
            settings.flags = flags
            settings.port = configuration.port
            settings.bind_address = sockaddr
            settings.thread_pool_size = UInt32(max(1, configuration.threadPoolSize))
            settings.connection_timeout_seconds = UInt32(configuration.connectionTimeoutSeconds)
            settings.connection_memory_limit = configuration.maxHeaderBytes
            settings.connection_limit = UInt32(configuration.maxConnections)
            settings.per_ip_connection_limit = UInt32(max(0, configuration.maxConnectionsPerClient))
            settings.access_handler = accessHandler
            settings.completed_handler = completedHandler
            settings.uri_log_handler = uriLogHandler
            settings.error_logger = errorLogger
            settings.context = unmanaged.toOpaque()
            return CMicroHTTPD_start_daemon(&settings)
        }
        guard let started else {
            unmanaged.release()
            throw .cannotStart(host: configuration.host, port: configuration.port)
        }
        self.daemon = DaemonHandle(pointer: started, context: unmanaged)
        self.port = CMicroHTTPD_bound_port(started)
    }

    /// Requests received but not yet completed.
    public var requestsInFlight: Int { context.counters.withLock { $0.inFlight } }

    /// Stops accepting connections, lets requests in flight finish (up to the grace period), then stops
    /// the daemon. Blocks the calling thread; safe to call more than once.
    public func shutdown() {
        guard daemon.beginShutdown() else { return }
        context.isShuttingDown.store(true, ordering: .releasing)
        let listenSocket = MHD_quiesce_daemon(daemon.pointer)
        // Quiescing only stops libmicrohttpd from calling accept(); the kernel would keep queueing new
        // clients that then hang. Shutting the socket down makes the kernel refuse them, without
        // closing a descriptor the pool threads may still hold until the daemon stops.
        if listenSocket >= 0 { Foundation.shutdown(listenSocket, Int32(SHUT_RDWR)) }
        let deadline = Date().addingTimeInterval(configuration.shutdownGraceSeconds)
        // Requests in flight count from the first byte to the last byte sent, so waiting for zero means
        // every answer already received has been written out, not just computed.
        while true {
            let counters = context.counters.withLock { $0 }
            if counters.inFlight == 0 { break }
            // Past the deadline, give up on slow clients, but never stop with a handler still running:
            // libmicrohttpd aborts the process if a connection is still suspended.
            if Date() > deadline && counters.suspended == 0 {
                context.logger.warning("shutdown: \(counters.inFlight) request(s) still in flight after \(configuration.shutdownGraceSeconds)s; closing them")
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        daemon.stop()
        if listenSocket >= 0 { close(listenSocket) }
    }

    /// ``shutdown()`` for async callers: the waiting happens on its own thread, never on the
    /// cooperative pool, whose threads the requests in flight need in order to finish.
    public func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                self.shutdown()
                continuation.resume()
            }.start()
        }
    }

    deinit { shutdown() }
}

/// Owns the daemon pointer and the retained context, and makes stopping happen once.
private final class DaemonHandle: Sendable {
    nonisolated(unsafe) let pointer: OpaquePointer
    private let context: Unmanaged<ServerContext>
    private let state = Mutex<(shuttingDown: Bool, stopped: Bool)>((false, false))

    init(pointer: OpaquePointer, context: Unmanaged<ServerContext>) {
        self.pointer = pointer
        self.context = context
    }

    func beginShutdown() -> Bool {
        state.withLock { state in
            if state.shuttingDown { return false }
            state.shuttingDown = true
            return true
        }
    }

    func stop() {
        let shouldStop = state.withLock { state in
            if state.stopped { return false }
            state.stopped = true
            return true
        }
        guard shouldStop else { return }
        MHD_stop_daemon(pointer)
        context.release()
    }
}

/// What the C callbacks need, reached through their `cls` argument.
final class ServerContext: Sendable {
    let responder: any HTTPResponder
    let executor: HandlerExecutor
    let maxBodyBytes: Int
    let logger: Logger
    let counters = Mutex(Counters())
    let isShuttingDown = Atomic<Bool>(false)

    struct Counters {
        var inFlight = 0
        var suspended = 0
    }

    init(responder: any HTTPResponder, configuration: ServerConfiguration, logger: Logger) {
        self.responder = responder
        self.executor = HandlerExecutor(threads: configuration.handlerThreads)
        self.maxBodyBytes = configuration.maxBodyBytes
        self.logger = logger
    }

    /// Runs the responder, turning thrown errors into responses: the error's own when it has one,
    /// otherwise a logged 500 that says nothing about internals.
    func respond(to request: Request) async -> Response {
        var response: Response
        do {
            response = try await responder.respond(to: request)
        } catch let error as any HTTPResponseError {
            response = error.response()
        } catch {
            logger.error("unhandled error for \(request.method) \(request.route ?? "unrouted"): \(error)")
            response = .text("Internal Server Error\n", status: .internalServerError)
        }
        if isShuttingDown.load(ordering: .acquiring) { response.headers["Connection"] = "close" }
        return response
    }
}

// MARK: - libmicrohttpd callbacks

private func context(_ cls: UnsafeMutableRawPointer?) -> ServerContext {
    Unmanaged<ServerContext>.fromOpaque(cls!).takeUnretainedValue()
}

/// Called once per request, before the headers are parsed; what it returns becomes `*con_cls`.
private let uriLogHandler: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, OpaquePointer?) -> UnsafeMutableRawPointer? = {
    cls, uri, _ in
    context(cls).counters.withLock { $0.inFlight += 1 }
    let exchange = Exchange(rawTarget: uri.map { String(cString: $0) } ?? "/")
    return Unmanaged.passRetained(exchange).toOpaque()
}

private let completedHandler: MHD_RequestCompletedCallback = { cls, _, conCls, _ in
    guard let conCls, let raw = conCls.pointee else { return }
    Unmanaged<Exchange>.fromOpaque(raw).release()
    conCls.pointee = nil
    context(cls).counters.withLock { $0.inFlight -= 1 }
}

private let errorLogger: MHD_LogCallback = { cls, format, arguments in
    var buffer = [CChar](repeating: 0, count: 512)
    guard let arguments else { return }
    _ = CMicroHTTPD_format_log(&buffer, buffer.count, format, arguments)
    let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    context(cls).logger.warning("libmicrohttpd: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
}

private let accessHandler: MHD_AccessHandlerCallback = {
    cls, connection, _, method, _, uploadData, uploadDataSize, conCls in
    guard let connection, let conCls, let raw = conCls.pointee, let uploadDataSize else { return MHD_Result.NO }
    let server = context(cls)
    let exchange = Unmanaged<Exchange>.fromOpaque(raw).takeUnretainedValue()

    switch exchange.phase {
    case .awaitingHeaders:
        // Headers only. Refuse an announced oversize body now, before reading any of it; otherwise
        // answer nothing yet (a response queued on this first call makes 0.9.75 close keep-alive).
        exchange.phase = .receivingBody
        if let length = MHD_lookup_connection_value(connection, MHD_ValueKind.HEADER_KIND, "Content-Length").map({ String(cString: $0) }),
            let bytes = Int(length), bytes > server.maxBodyBytes
        {
            return queue(tooLargeResponse(server), on: connection)
        }
        return MHD_Result.YES

    case .receivingBody:
        let count = uploadDataSize.pointee
        if count > 0 {
            // Bodies sent without Content-Length (chunked) are counted as they arrive.
            if !exchange.bodyTooLarge {
                if exchange.body.count + count > server.maxBodyBytes {
                    exchange.bodyTooLarge = true
                    exchange.body = []
                } else if let uploadData {
                    uploadData.withMemoryRebound(to: UInt8.self, capacity: count) {
                        exchange.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
                    }
                }
            }
            uploadDataSize.pointee = 0
            return MHD_Result.YES
        }
        if exchange.bodyTooLarge { return queue(tooLargeResponse(server), on: connection) }

        let request: Request
        do throws(RequestError) {
            request = try Request(
                method: HTTPMethod(rawValue: method.map { String(cString: $0) } ?? "GET"),
                target: exchange.rawTarget, headers: readHeaders(connection), body: exchange.body,
                remoteAddress: clientAddress(connection))
        } catch {
            return queue(error.response(), on: connection)
        }
        exchange.body = []
        exchange.phase = .handling
        let suspendable = SuspendedConnection(pointer: connection)
        let operation: @Sendable () async -> Void = {
            let response = await server.respond(to: request)
            if exchange.finish(with: response) {
                server.counters.withLock { $0.suspended -= 1 }
                suspendable.resume()
            }
        }
        // The handler starts right here, on this event-loop thread, and most finish without waiting for
        // anything (a lookup by key, a page from memory): their response goes out at once, with no
        // thread woken and no suspend/resume round. A handler that does wait continues on the handler
        // threads, and the connection stays suspended until it is done.
        if #available(macOS 26, *) {
            Task.immediate(executorPreference: server.executor, operation: operation)
        } else {
            Task(executorPreference: server.executor, operation: operation)
        }
        let finished: Response? = exchange.handling.withLock { state in
            if case .finished(let response) = state {
                state = .running
                return response
            }
            // Suspended under the lock, so the task cannot resume the connection before this.
            state = .suspended
            server.counters.withLock { $0.suspended += 1 }
            MHD_suspend_connection(connection)
            return nil
        }
        if let finished { return queue(finished, on: connection) }
        return MHD_Result.YES

    case .handling:
        guard let response = exchange.takeResponse() else { return MHD_Result.YES }
        return queue(response, on: connection)
    }
}

private func tooLargeResponse(_ server: ServerContext) -> Response {
    var response = Response.text(
        "Content Too Large: the body may be at most \(server.maxBodyBytes) bytes\n", status: .contentTooLarge)
    response.headers["Connection"] = "close"
    return response
}

private func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
    let mhdResponse = response.body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), MHD_ResponseMemoryMode.RESPMEM_MUST_COPY)
    }
    guard let mhdResponse else { return MHD_Result.NO }
    defer { MHD_destroy_response(mhdResponse) }
    for field in response.headers {
        // libmicrohttpd refuses values with CR or LF, which is what we want: no header injection.
        _ = MHD_add_response_header(mhdResponse, field.name, field.value)
    }
    return MHD_queue_response(connection, UInt32(response.status.code), mhdResponse)
}

private func readHeaders(_ connection: OpaquePointer) -> HTTPHeaders {
    final class Collector { var headers = HTTPHeaders() }
    let collector = Collector()
    withExtendedLifetime(collector) {
        _ = MHD_get_connection_values(connection, MHD_ValueKind.HEADER_KIND, { cls, _, key, value in
            guard let cls, let key else { return MHD_Result.YES }
            let collector = Unmanaged<Collector>.fromOpaque(cls).takeUnretainedValue()
            collector.headers.add(String(cString: key), value.map { String(cString: $0) } ?? "")
            return MHD_Result.YES
        }, Unmanaged.passUnretained(collector).toOpaque())
    }
    return collector.headers
}

private func clientAddress(_ connection: OpaquePointer) -> String {
    guard let address = CMicroHTTPD_client_address(connection) else { return "" }
    return SocketAddress.describe(address)
}

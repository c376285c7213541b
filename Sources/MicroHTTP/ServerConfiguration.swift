/// How the HTTP server listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// An IPv4 or IPv6 literal, or `localhost`.
    public var host: String
    /// 0 picks a free port; ``HTTPServer/port`` tells which.
    public var port: UInt16
    /// Threads that run libmicrohttpd's event loops (epoll); handlers themselves run as Swift tasks.
    public var threadPoolSize: Int
    /// Threads of the server's own that run the handler tasks (see `HandlerExecutor`).
    public var handlerThreads: Int
    /// Idle connections are closed after this many seconds; it also bounds slow clients.
    public var connectionTimeoutSeconds: Int
    /// Requests with a larger body get 413 before the body is read.
    public var maxBodyBytes: Int
    /// libmicrohttpd's per-connection memory, which bounds the request line plus all headers.
    public var maxHeaderBytes: Int
    public var maxConnections: Int
    /// Connections one client address may hold open at once (0: no limit), so that one slow or
    /// malicious client cannot take every connection. Behind a reverse proxy every client has the
    /// proxy's address; leave it 0 there and let the proxy limit.
    public var maxConnectionsPerClient: Int
    /// How long a graceful shutdown waits for requests in flight.
    public var shutdownGraceSeconds: Double

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8080, threadPoolSize: Int = 2,
        connectionTimeoutSeconds: Int = 30, maxBodyBytes: Int = 64 * 1024, maxHeaderBytes: Int = 32 * 1024,
        maxConnections: Int = 1000, shutdownGraceSeconds: Double = 10, handlerThreads: Int = 4, maxConnectionsPerClient: Int = 0
    ) {
        self.maxConnectionsPerClient = maxConnectionsPerClient
        self.handlerThreads = handlerThreads
        self.host = host
        self.port = port
        self.threadPoolSize = threadPoolSize
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxConnections = maxConnections
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }
}

public enum ServerError: Error, CustomStringConvertible, Sendable {
    case invalidHost(String)
    case cannotStart(host: String, port: UInt16)

    public var description: String {
        switch self {
        case .invalidHost(let host): "'\(host)' is not an IPv4 or IPv6 address"
        case .cannotStart(let host, let port):
            "libmicrohttpd could not listen on \(host):\(port) (port in use, or not permitted)"
        }
    }
}

import Foundation

/// A minimal HTTP/1.1 client over a plain socket, for tests against a live server: it sends exactly
/// the bytes it is given, so tests can send what no well-behaved client would.
///
/// The socket calls block, so they run on a serial dispatch queue of the client's own rather than on
/// the cooperative thread pool, which the server under test needs for its handlers. Serial, because
/// serial queues get threads from libdispatch's overcommit pool; a concurrent queue's threads are
/// capped at the core count and blocked readers stall everything else for a second on Linux.
public final class RawHTTPClient: @unchecked Sendable {
    public struct Reply: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public enum ClientError: Error, CustomStringConvertible {
        case connect(Int32)
        case closedBeforeReply
        case malformed(String)

        public var description: String {
            switch self {
            case .connect(let errno): "connect failed: errno \(errno)"
            case .closedBeforeReply: "the server closed the connection before replying"
            case .malformed(let what): "malformed reply: \(what)"
            }
        }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private let queue = DispatchQueue(label: "RawHTTPClient")

    /// `sourceAddress` binds the client's end to another loopback address (say `127.0.0.2`), so that
    /// the server sees a second client.
    public init(port: UInt16, timeoutSeconds: Int = 10, sourceAddress: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if let sourceAddress {
            var source = sockaddr_in()
            source.sin_family = sa_family_t(AF_INET)
            source.sin_addr.s_addr = inet_addr(sourceAddress)
            let bound = withUnsafePointer(to: &source) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let error = errno
                close(fd)
                throw ClientError.connect(error)
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw ClientError.connect(errno)
        }
    }

    deinit { close(fd) }

    /// Sends raw bytes; returns false when the peer has closed.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads one reply; `bodyExpected: false` for replies to HEAD.
    public func readReply(bodyExpected: Bool = true) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            self.queue.async {
                continuation.resume(with: Result { try self.readReplyBlocking(bodyExpected: bodyExpected) })
            }
        }
    }

    /// Sends a request built from its parts and reads the reply.
    public func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [], keepAlive: Bool = true
    ) async throws -> Reply {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        send(Array(head.utf8) + body)
        return try await readReply(bodyExpected: method != "HEAD")
    }

    /// Whether the server has closed its side (reads EOF within the timeout).
    public func isClosedByPeer() async -> Bool {
        await withCheckedContinuation { continuation in
            self.queue.async {
                var byte: UInt8 = 0
                continuation.resume(returning: recv(self.fd, &byte, 1, 0) == 0)
            }
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { throw ClientError.closedBeforeReply }
        buffer.append(contentsOf: chunk[0..<count])
    }

    private func readReplyBlocking(bodyExpected: Bool) throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if let range = buffer.firstRange(of: separator) { headEnd = range.lowerBound } else { try fill() }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw ClientError.malformed(head) }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name }?.1 }
        var body: [UInt8] = []
        if bodyExpected && status != 204 && status != 304 {
            if let length = header("content-length").flatMap(Int.init) {
                while buffer.count < length { try fill() }
                body = Array(buffer[0..<length])
                buffer.removeFirst(length)
            } else if header("transfer-encoding")?.lowercased() == "chunked" {
                body = try readChunked()
            } else {
                while (try? fill()) != nil {}
                body = buffer
                buffer = []
            }
        }
        return Reply(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: body)
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd = buffer.firstRange(of: [13, 10])
            while lineEnd == nil { try fill(); lineEnd = buffer.firstRange(of: [13, 10]) }
            let sizeText = String(decoding: buffer[0..<lineEnd!.lowerBound], as: UTF8.self)
            buffer.removeFirst(lineEnd!.upperBound)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else { throw ClientError.malformed("chunk size") }
            while buffer.count < size + 2 { try fill() }
            body.append(contentsOf: buffer[0..<size])
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }
}

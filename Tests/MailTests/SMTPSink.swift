import Foundation
import Synchronization
import Testing
@testable import Mail

#if canImport(Glibc)
    import Glibc
#endif

/// A running `Tests/support/smtp_sink.py` on a free port of 127.0.0.1, with its own maildir; see the
/// script's docstring for what its options do. Stopped (SIGTERM) by ``stop()`` or when released.
final class SMTPSink {
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("support/smtp_sink.py").path

    let port: Int
    let maildir: String
    let folder: String
    private let process: Process
    /// Kept open for the sink's lifetime, so a late write to its stdout never fails.
    private let output = Pipe()

    /// Starts the sink and returns once it printed `ready`. Fails, naming what to install, when python3
    /// or aiosmtpd is missing; retries on another port if the one picked was taken in the meantime.
    static func start(_ arguments: [String] = []) async throws -> SMTPSink {
        try await Blocking.run { try checkPython() }
        var lastError: (any Error)?
        for _ in 0..<3 {
            do { return try await SMTPSink(arguments) } catch let error as Unavailable { lastError = error }
        }
        throw lastError!
    }

    private init(_ arguments: [String]) async throws {
        port = try freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)").path
        maildir = (folder as NSString).appendingPathComponent("maildir")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stderrPath = (folder as NSString).appendingPathComponent("sink.log")
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)

        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--port", String(port), "--maildir", maildir] + arguments
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()

        let ready = await Self.waitForReady(output.fileHandleForReading, timeoutSeconds: 15)
        guard ready else {
            Self.stop(process)
            let log = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            throw Unavailable(description: "smtp_sink.py did not become ready on port \(port): \(log)")
        }
    }

    deinit { stop() }

    /// Stops the sink and removes its folder (maildir and log).
    func stop() {
        Self.stop(process)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// SIGTERM, then SIGKILL if the sink has not exited within 5 seconds, so a test never hangs here.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A configuration for this sink: plain SMTP unless told otherwise.
    func configuration(security: SMTPConfiguration.Security = .none, caFile: String? = nil, timeoutSeconds: Int = 10)
        -> SMTPConfiguration
    {
        SMTPConfiguration(host: "127.0.0.1", port: port, security: security, heloDomain: "draagvlak.test",
                          timeoutSeconds: timeoutSeconds, caFile: caFile)
    }

    /// The stored messages, `1.eml`, `2.eml`, … in order, as raw text.
    func messages() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: maildir)) ?? []
        let numbered = names.compactMap { name -> Int? in name.hasSuffix(".eml") ? Int(name.dropLast(4)) : nil }.sorted()
        #expect(names.filter { $0.hasSuffix(".eml") }.count == numbered.count, "unexpected files: \(names)")
        return try numbered.map { try String(contentsOfFile: (maildir as NSString).appendingPathComponent("\($0).eml"), encoding: .utf8) }
    }

    private static func checkPython() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import sys, aiosmtpd; sys.exit(0 if sys.version_info >= (3, 11) else 4)"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch {
            throw Unavailable(description: "cannot run /usr/bin/env python3: \(error)")
        }
        probe.waitUntilExit()
        switch probe.terminationStatus {
        case 0: return
        case 127: throw Unavailable(description: "python3 is not installed (Debian package python3); the SMTP tests need it with aiosmtpd")
        case 4: throw Unavailable(description: "the SMTP tests need Python 3.11 or later")
        default:
            throw Unavailable(description: "the Python package aiosmtpd is missing: pip install aiosmtpd (scripts/test installs it)")
        }
    }

    /// Reads the sink's stdout on a thread of its own until the `ready` line, EOF or the timeout.
    private static func waitForReady(_ handle: FileHandle, timeoutSeconds: Double) async -> Bool {
        let resumed = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let finish: @Sendable (Bool) -> Void = { ready in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: ready) }
            }
            DispatchQueue(label: "smtp-sink-ready").async {
                var seen = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { return finish(false) }
                    seen.append(chunk)
                    if String(decoding: seen, as: UTF8.self).split(separator: "\n").contains("ready") { return finish(true) }
                }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { finish(false) }
        }
    }
}

/// Runs blocking work (a libcurl transfer, waiting for a process) on a thread of its own, so tests
/// never block the cooperative pool that other suites' live servers need. A serial queue, because
/// those get threads from libdispatch's overcommit pool.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "blocking-test-work").async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// Sends on a thread of its own and hands back the typed outcome.
    static func send(_ rendered: String, from: String = "panel@draagvlak.test", to: String, with configuration: SMTPConfiguration)
        async -> Result<Void, SMTPError>
    {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "smtp-send").async {
                let sender = SMTPSender(configuration: configuration)
                do throws(SMTPError) {
                    try sender.send(rendered, from: from, to: to)
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read back, closed).
func freePort() throws -> Int {
    let socket = try ListeningSocket(backlog: nil)
    return socket.port
}

/// A socket bound to 127.0.0.1 on a kernel-chosen port. With `listen` it accepts connections into its
/// backlog but never reads or writes: a server that hangs, for timeout tests. Closed when released.
final class ListeningSocket {
    let descriptor: Int32
    let port: Int

    init(backlog: Int32?) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SMTPSink.Unavailable(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw SMTPSink.Unavailable(description: "bind() failed: errno \(errno)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        if let backlog { listen(descriptor, backlog) }
    }

    deinit { close(descriptor) }
}

/// Undoes quoted-printable (soft line breaks and =XX escapes), for comparing bodies with what was rendered.
func decodedQuotedPrintable(_ text: String) -> String {
    var bytes: [UInt8] = []
    let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
    var index = 0
    while index < input.count {
        if input[index] == UInt8(ascii: "="), index + 2 < input.count,
            let value = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
        {
            bytes.append(value)
            index += 3
        } else {
            bytes.append(input[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

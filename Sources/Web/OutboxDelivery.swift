import Dispatch
import Foundation
import Logging
import Mail
import Secrets
import Storage

/// Where outgoing mail goes: `.eml` files in a folder (the default, no mail server needed) or an
/// SMTP relay.
public enum MailTransport: Sendable {
    case folder(EmlFolder)
    case smtp(SMTPSender, rate: Double)

    /// Delivers one rendered message; returns where it went, for the record.
    func deliver(_ rendered: String, from: String, to: String, fileStem: String) throws(DeliveryFailure) -> String {
        switch self {
        case .folder(let folder):
            do { return try folder.write(rendered, fileStem: fileStem) } catch {
                throw DeliveryFailure(message: error.description, permanent: false)
            }
        case .smtp(let sender, _):
            do {
                try sender.send(rendered, from: from, to: to)
                return "smtp"
            } catch {
                throw DeliveryFailure(message: error.description, permanent: error.isPermanent)
            }
        }
    }
}

struct DeliveryFailure: Error {
    let message: String
    let permanent: Bool
}

/// The key that seals queued message bodies, in its own file next to the database (mode 0600), so
/// a copy of the database alone opens no personal link.
enum OutboxKey {
    static func load(dataDirectory: String) throws -> SymmetricKey {
        let path = (dataDirectory as NSString).appendingPathComponent("outbox.key")
        if let data = FileManager.default.contents(atPath: path) { return try SymmetricKey(bytes: Array(data)) }
        let key = try SymmetricKey.generate()
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(key.bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return key
    }
}

/// Empties the outbox: takes each due message, opens its sealed body and hands it to the transport.
/// Temporary failures are retried with exponential back-off; permanent ones (a 5xx reply) and
/// messages that fail too often are marked failed with the reason.
public struct OutboxDelivery: Sendable {
    let outbox: OutboxRepository
    let key: SymmetricKey
    let transport: MailTransport
    let from: String
    let retryBase: TimeInterval
    let logger: Logger
    static let maxAttempts = 8

    public struct Summary: Sendable, Hashable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
    }

    /// Delivers every message that is due now; returns what happened.
    public func deliverDue() async throws -> Summary {
        if case .folder(let folder) = transport { return try await deliverInBatches(to: folder) }
        var summary = Summary()
        let start = ContinuousClock.now
        var delivered = 0
        while let message = try await outbox.claimNext() {
            if case .smtp(_, let rate) = transport, rate > 0 {
                // Keep to the relay's agreed rate: message k may leave at k / rate seconds.
                let due = start + .milliseconds(Int(Double(delivered) / rate * 1000))
                if ContinuousClock.now < due { try await Task.sleep(until: due) }
            }
            delivered += 1
            do {
                let rendered = String(decoding: try AES256GCM.open(message.sealedBody, key: key, associatedData: Self.associatedData(recipient: message.recipient)), as: UTF8.self)
                let destination = try await runBlocking { [transport, from] in
                    try transport.deliver(rendered, from: from, to: message.recipient, fileStem: "bericht-\(message.id)")
                }
                try await outbox.markSent(message.id, deliveredTo: destination)
                summary.sent += 1
            } catch let failure as DeliveryFailure {
                let giveUp = failure.permanent || message.attempt >= Self.maxAttempts
                let retryAt = giveUp ? nil : Date().addingTimeInterval(Self.backoff(attempt: message.attempt, base: retryBase))
                try await outbox.markFailed(message.id, error: failure.message + (giveUp && !failure.permanent ? " (gave up after \(message.attempt) attempts)" : ""), retryAt: retryAt)
                logger.warning("outbox message \(message.id): \(failure.permanent ? "permanent" : "temporary") failure: \(failure.message)")
                if giveUp { summary.failed += 1 } else { summary.retrying += 1 }
            } catch let error as SecretsError {
                try await outbox.markFailed(message.id, error: "the sealed body does not open with this key (\(error.reason))", retryAt: nil)
                summary.failed += 1
            }
        }
        return summary
    }

    /// The `.eml` folder takes messages a batch at a time: claimed in one commit, written and flushed
    /// to disk together, recorded in one commit. Batches of 1,024 (a few megabytes of messages in
    /// memory) rather than 256: each batch waits for the disk four times, and an invitation of 3,000
    /// went from 3.0 to 2.5 s with the larger batches. A crash in between leaves the batch `sending`, which
    /// ``OutboxRepository/recoverInterrupted()`` marks failed, as it does a single message.
    private func deliverInBatches(to folder: EmlFolder) async throws -> Summary {
        var summary = Summary()
        while true {
            let batch = try await outbox.claimBatch(limit: 1024)
            if batch.isEmpty { return summary }
            var files: [(rendered: String, fileStem: String)] = []
            var opened: [OutboxRepository.Claimed] = []
            for message in batch {
                do {
                    let body = try AES256GCM.open(message.sealedBody, key: key, associatedData: Self.associatedData(recipient: message.recipient))
                    files.append((String(decoding: body, as: UTF8.self), "bericht-\(message.id)"))
                    opened.append(message)
                } catch {
                    try await outbox.markFailed(message.id, error: "the sealed body does not open with this key (\(error.reason))", retryAt: nil)
                    summary.failed += 1
                }
            }
            let results = try await runBlocking { [files] in folder.writeAll(files) }
            var sent: [(id: Int64, destination: String)] = []
            for (message, result) in zip(opened, results) {
                switch result {
                case .success(let path):
                    sent.append((message.id, path))
                case .failure(let error):
                    let giveUp = message.attempt >= Self.maxAttempts
                    let retryAt = giveUp ? nil : Date().addingTimeInterval(Self.backoff(attempt: message.attempt, base: retryBase))
                    try await outbox.markFailed(message.id, error: error.description, retryAt: retryAt)
                    logger.warning("outbox message \(message.id): temporary failure: \(error.description)")
                    if giveUp { summary.failed += 1 } else { summary.retrying += 1 }
                }
            }
            try await outbox.markSent(sent)
            summary.sent += sent.count
        }
    }

    /// base, 2 × base, 4 × base, … capped at one hour (30 s, 1 min, 2 min … by default).
    static func backoff(attempt: Int, base: TimeInterval) -> TimeInterval { min(base * pow(2, Double(max(attempt - 1, 0))), 3600) }

    /// Binds a sealed body to its recipient, so a body cannot be moved to another person's row.
    static func associatedData(recipient: String) -> [UInt8] { Array("draagvlak-outbox:\(recipient)".utf8) }

    /// Runs blocking I/O (an SMTP conversation) on a thread of its own rather than the cooperative pool.
    private func runBlocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "draagvlak.outbox").async { continuation.resume(with: Result { try work() }) }
        }
    }
}

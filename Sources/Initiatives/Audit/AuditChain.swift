/// The chaining rule of the audit log, free of I/O and of any particular hash implementation: callers
/// pass `hash`, which must return the lower-case hex SHA-256 of a text's UTF-8 bytes.
///
/// What the chain proves: no entry was changed, removed from the middle or moved without recomputing
/// every hash after it. Whoever can rewrite the whole file can also rewrite the whole chain; note the
/// head hash that `audit verify` prints somewhere else (minutes, a ticket) to pin the log's state.
public enum AuditChain {
    /// The `prevHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The entry that follows `previous` (nil for the first) with `record`'s content.
    public static func entry(after previous: AuditEntry?, record: AuditRecord, at: String, hash: (String) -> String) -> AuditEntry {
        let seq = (previous?.seq ?? 0) + 1
        let prevHash = previous?.hash ?? genesisHash
        let details = record.details.canonicalJSON
        let text = AuditEntry.canonicalText(
            seq: seq, at: at, actor: record.actor, action: record.action.rawValue, subject: record.subject, details: details, prevHash: prevHash)
        return AuditEntry(
            seq: seq, at: at, actor: record.actor, action: record.action.rawValue, subject: record.subject, details: details,
            prevHash: prevHash, hash: hash(text))
    }

    /// Checks entries in storage order (by `seq`) and reports the first one that is wrong.
    public static func verify(_ entries: some Sequence<AuditEntry>, hash: (String) -> String) -> AuditVerification {
        var verifier = AuditVerifier()
        for entry in entries {
            if let problem = verifier.check(entry, hash: hash) { return .broken(problem) }
        }
        return .intact(count: verifier.count, head: verifier.head)
    }
}

/// Verifies a chain one entry at a time, so a long log can be streamed rather than loaded whole.
public struct AuditVerifier: Sendable {
    public private(set) var count: Int64 = 0
    /// The hash of the last entry checked, or the genesis hash before the first.
    public private(set) var head = AuditChain.genesisHash
    private var lastSeq: Int64 = 0

    public init() {}

    /// The problem with `entry`, or nil when it follows the entries checked so far.
    public mutating func check(_ entry: AuditEntry, hash: (String) -> String) -> AuditBreak? {
        let expectedSeq = lastSeq + 1
        if entry.seq > expectedSeq { return AuditBreak(seq: expectedSeq, problem: .missing(nextPresent: entry.seq)) }
        if entry.seq < expectedSeq { return AuditBreak(seq: entry.seq, problem: .outOfOrder(after: lastSeq)) }
        if entry.prevHash != head { return AuditBreak(seq: entry.seq, problem: .linkBroken(expected: head, found: entry.prevHash)) }
        let computed = hash(entry.canonicalText)
        if computed != entry.hash { return AuditBreak(seq: entry.seq, problem: .contentChanged(stored: entry.hash, computed: computed)) }
        lastSeq = entry.seq
        head = entry.hash
        count += 1
        return nil
    }
}

public enum AuditVerification: Hashable, Sendable {
    /// Every entry checks out; `head` is the last entry's hash (the genesis hash for an empty log).
    case intact(count: Int64, head: String)
    case broken(AuditBreak)
}

/// The first entry where the chain fails, and how.
public struct AuditBreak: Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        /// The entry's fields no longer give its stored hash: it was edited.
        case contentChanged(stored: String, computed: String)
        /// The entry does not point at the hash of the entry before it: that one was edited and
        /// re-hashed, or entries were removed and the rest renumbered.
        case linkBroken(expected: String, found: String)
        /// No entry with this seq; the next one present has `nextPresent`.
        case missing(nextPresent: Int64)
        /// The entry comes after one with a higher or equal seq.
        case outOfOrder(after: Int64)
    }

    public let seq: Int64
    public let problem: Problem

    public init(seq: Int64, problem: Problem) {
        self.seq = seq
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .contentChanged(let stored, let computed):
            "entry \(seq): content changed (stored hash \(stored), its fields hash to \(computed))"
        case .linkBroken(let expected, let found):
            "entry \(seq): chain link broken (prev_hash is \(found), but the entry before it hashes to \(expected))"
        case .missing(let next):
            "entry \(seq): missing (the next entry present is \(next))"
        case .outOfOrder(let after):
            "entry \(seq): out of order (it follows entry \(after))"
        }
    }
}

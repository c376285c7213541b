import Testing
@testable import Initiatives

/// FNV-1a (64 bit) in hex: enough to tell the test texts apart, and the chain rule does not care which
/// hash it is given. The real log uses SHA-256 (tested in StorageTests).
private func fnv(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
}

private func chain(_ count: Int) -> [AuditEntry] {
    var entries: [AuditEntry] = []
    for n in 1...count {
        let record = AuditRecord(actor: "account:buco\(n)", action: .loginSucceeded, subject: "account:buco\(n)", details: ["n": .number(Int64(n))])
        entries.append(AuditChain.entry(after: entries.last, record: record, at: "2026-03-0\(n)T10:00:00.000Z", hash: fnv))
    }
    return entries
}

/// The same entry with one field replaced, its stored hash left alone (as an edit in the database would).
private func edited(_ entry: AuditEntry, actor: String? = nil, subject: String? = nil, details: String? = nil, prevHash: String? = nil, hash: String? = nil) -> AuditEntry {
    AuditEntry(seq: entry.seq, at: entry.at, actor: actor ?? entry.actor, action: entry.action, subject: subject ?? entry.subject,
               details: details ?? entry.details, prevHash: prevHash ?? entry.prevHash, hash: hash ?? entry.hash)
}

@Suite struct AuditChainTests {
    @Test func anUntouchedChainVerifiesWithItsHead() {
        let entries = chain(5)
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(entries[0].prevHash == AuditChain.genesisHash)
        #expect(entries[3].prevHash == entries[2].hash)
        #expect(AuditChain.verify(entries, hash: fnv) == .intact(count: 5, head: entries[4].hash))
        #expect(AuditChain.verify([], hash: fnv) == .intact(count: 0, head: AuditChain.genesisHash))
    }

    @Test func aChangedFieldIsCaughtAtThatEntry() {
        var entries = chain(5)
        entries[2] = edited(entries[2], actor: "account:iemand-anders")
        guard case .broken(let problem) = AuditChain.verify(entries, hash: fnv) else { Issue.record("not caught"); return }
        #expect(problem.seq == 3)
        #expect(problem.problem == .contentChanged(stored: entries[2].hash, computed: fnv(entries[2].canonicalText)))
        #expect(problem.description.hasPrefix("entry 3: content changed"))

        var details = chain(5)
        details[4] = edited(details[4], details: #"{"n":6}"#)
        #expect(AuditChain.verify(details, hash: fnv) == .broken(AuditBreak(seq: 5, problem: .contentChanged(stored: details[4].hash, computed: fnv(details[4].canonicalText)))))
    }

    @Test func anEntryEditedAndRehashedBreaksTheNextLink() {
        var entries = chain(4)
        let forged = edited(entries[1], subject: "account:ander")
        entries[1] = edited(forged, hash: fnv(forged.canonicalText))
        #expect(AuditChain.verify(entries, hash: fnv) == .broken(AuditBreak(seq: 3, problem: .linkBroken(expected: entries[1].hash, found: entries[2].prevHash))))
    }

    @Test func aRemovedEntryIsNamed() {
        var entries = chain(5)
        entries.remove(at: 2)
        let result = AuditChain.verify(entries, hash: fnv)
        #expect(result == .broken(AuditBreak(seq: 3, problem: .missing(nextPresent: 4))))
        if case .broken(let problem) = result { #expect(problem.description == "entry 3: missing (the next entry present is 4)") }
        // The first entries gone: the log must start at 1.
        #expect(AuditChain.verify(Array(chain(3).dropFirst()), hash: fnv) == .broken(AuditBreak(seq: 1, problem: .missing(nextPresent: 2))))
    }

    @Test func reorderedEntriesAreCaught() {
        var entries = chain(5)
        entries.swapAt(1, 2)
        #expect(AuditChain.verify(entries, hash: fnv) == .broken(AuditBreak(seq: 2, problem: .missing(nextPresent: 3))))

        // Renumbered to look in order: the links no longer fit.
        let original = chain(5)
        let swapped = [original[0], renumbered(original[2], 2), renumbered(original[1], 3), original[3], original[4]]
        guard case .broken(let problem) = AuditChain.verify(swapped, hash: fnv) else { Issue.record("not caught"); return }
        #expect(problem.seq == 2)
        guard case .linkBroken = problem.problem else { Issue.record("expected a broken link, got \(problem)"); return }
    }

    @Test func aDuplicatedEntryIsOutOfOrder() {
        let entries = chain(3)
        #expect(AuditChain.verify(entries + [entries[2]], hash: fnv) == .broken(AuditBreak(seq: 3, problem: .outOfOrder(after: 3))))
    }

    @Test func theCanonicalTextIsFixedAndUnambiguous() {
        let entry = AuditChain.entry(
            after: nil, record: AuditRecord(actor: "cli:root", action: .accountCreated, subject: "account:a\nb", details: ["role": "admin", "wijk": "Oost"]),
            at: "2026-01-02T03:04:05.678Z", hash: fnv)
        // Changing this text breaks every stored log: it is part of the file format.
        #expect(entry.canonicalText == """
            draagvlak-audit-v1
            seq 1:1
            at 24:2026-01-02T03:04:05.678Z
            actor 8:cli:root
            action 15:account.created
            subject 11:account:a
            b
            details 30:{"role":"admin","wijk":"Oost"}
            prev_hash 64:\(AuditChain.genesisHash)

            """)
        // A value that looks like the next field cannot pass for it: lengths differ.
        let a = AuditEntry(seq: 1, at: "x", actor: "a\naction 1:b", action: "c", subject: "", details: "{}", prevHash: "", hash: "")
        let b = AuditEntry(seq: 1, at: "x", actor: "a", action: "b\naction 1:c", subject: "", details: "{}", prevHash: "", hash: "")
        #expect(a.canonicalText != b.canonicalText)
    }

    @Test func detailsAreCanonicalJSON() {
        let details: AuditDetails = ["z": 5, "a": "x\"y\\\u{01}\n", "m": true, "ü": .number(-3)]
        #expect(details.canonicalJSON == #"{"a":"x\"y\\\u0001\n","m":true,"z":5,"ü":-3}"#)
        #expect(AuditDetails().canonicalJSON == "{}")
    }
}

private func renumbered(_ entry: AuditEntry, _ seq: Int64) -> AuditEntry {
    AuditEntry(seq: seq, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, details: entry.details,
               prevHash: entry.prevHash, hash: entry.hash)
}

import Foundation
import Synchronization

/// Token buckets per client: each client may take `burst` tokens at once, and gets one back every
/// `refillInterval`. Callers decide what costs a token (a failed guess, a sign-up), so one limiter
/// type serves every kind of abuse, each with its own instance and budget. In memory only: a restart
/// forgets every bucket, which costs an attacker more than it gains.
///
/// Memory is bounded: at most `maxClients` buckets are kept. When that many are in use, buckets that
/// have filled up again are dropped (a full bucket is the same as none); if that frees nothing, the
/// half least recently used goes. An attacker with enough addresses can thereby reset their own
/// buckets, but never grow the table or slow anyone down.
public final class ClientRateLimiter: Sendable {
    public struct Policy: Sendable, Hashable {
        public var burst: Int
        public var refillInterval: Duration
        public var maxClients: Int

        public init(burst: Int, refillInterval: Duration, maxClients: Int = 10_000) {
            precondition(burst >= 1 && refillInterval > .zero && maxClients >= 2, "a rate limit needs a burst, a refill interval and room for clients")
            self.burst = burst
            self.refillInterval = refillInterval
            self.maxClients = maxClients
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let policy: Policy
    private let now: @Sendable () -> ContinuousClock.Instant
    private let buckets = Mutex<[String: Bucket]>([:])

    /// `now` is the clock; tests pass one they move by hand.
    public init(policy: Policy, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.policy = policy
        self.now = now
    }

    /// Takes one of `client`'s tokens and returns nil, or, when it has none, takes nothing and returns
    /// how long to wait. Checking and taking are one step, so that requests arriving together cannot
    /// all pass the check before any of them takes.
    public func take(_ client: String) -> Duration? {
        let instant = now()
        return buckets.withLock { buckets -> Duration? in
            let tokens = buckets[client].map { refilled($0, at: instant) } ?? Double(policy.burst)
            guard tokens >= 1 else { return policy.refillInterval * (1 - tokens) }
            if buckets[client] == nil && buckets.count >= policy.maxClients { evict(&buckets, at: instant) }
            buckets[client] = Bucket(tokens: tokens - 1, updated: instant)
            return nil
        }
    }

    /// Returns a token taken for something that turned out not to count (a lookup that found what it
    /// looked for).
    public func giveBack(_ client: String) {
        let instant = now()
        buckets.withLock { buckets in
            guard let bucket = buckets[client] else { return }
            buckets[client] = Bucket(tokens: min(Double(policy.burst), refilled(bucket, at: instant) + 1), updated: instant)
        }
    }

    /// How long `client` must wait before it may take a token, or nil when it may now.
    public func retryAfter(_ client: String) -> Duration? {
        let instant = now()
        return buckets.withLock { buckets -> Duration? in
            guard let bucket = buckets[client] else { return nil }
            let tokens = refilled(bucket, at: instant)
            guard tokens < 1 else { return nil }
            return policy.refillInterval * (1 - tokens)
        }
    }

    /// Clients with a bucket in memory (for tests and monitoring).
    public var trackedClients: Int { buckets.withLock { $0.count } }

    private func refilled(_ bucket: Bucket, at instant: ContinuousClock.Instant) -> Double {
        let earned = (instant - bucket.updated) / policy.refillInterval
        return min(Double(policy.burst), bucket.tokens + max(0, earned))
    }

    private func evict(_ buckets: inout [String: Bucket], at instant: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, at: instant) < Double(policy.burst) }
        guard buckets.count >= policy.maxClients else { return }
        let newest = buckets.sorted { $0.value.updated > $1.value.updated }.prefix(policy.maxClients / 2)
        buckets = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }
}

extension Duration {
    /// Whole seconds, rounded up and at least one: what a `Retry-After` header says, so that waiting
    /// exactly as long as told is enough.
    public var retryAfterSeconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}

extension ClientRateLimiter {
    /// The key a client is limited by: an IPv4 address as is, an IPv6 address by its /64 prefix, since
    /// one subscriber usually holds a whole /64 and could otherwise take a fresh address per request.
    /// An IPv4-mapped IPv6 address counts as its IPv4 address.
    public static func clientKey(forAddress address: String) -> String {
        var bytes = in6_addr()
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        let octets = withUnsafeBytes(of: &bytes) { Array($0) }
        if octets[0..<10].allSatisfy({ $0 == 0 }) && octets[10] == 0xff && octets[11] == 0xff {
            return octets[12...].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(octets[$0]) << 8 | UInt16(octets[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}

import Synchronization

/// A token bucket per key (a client address, usually): each key may spend `capacity` at once and
/// earns `refillPerSecond` back over time. In memory only, so a restart forgets every bucket; that is
/// acceptable for what it guards (sign-up mails, guessed links), where a restart costs an attacker
/// more than it gains.
///
/// Memory is bounded by `maxKeys`: when a new key would exceed it, buckets that have refilled
/// completely are forgotten first (they carry no information), then the one idle longest.
///
/// ```swift
/// let limiter = RateLimiter(capacity: 10, refillPerSecond: 10.0 / 3600)
/// guard case .allowed = limiter.acquire(request.remoteAddress) else { return tooManyRequests }
/// ```
public final class RateLimiter: Sendable {
    public let capacity: Double
    public let refillPerSecond: Double
    public let maxKeys: Int

    /// What a request may do.
    public enum Decision: Hashable, Sendable {
        case allowed
        /// Refused; a token of the requested cost is available again after this long.
        case limited(retryAfter: Duration)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    /// - Parameters:
    ///   - capacity: what a key may spend at once (the burst), ≥ 1.
    ///   - refillPerSecond: what a key earns back per second, > 0.
    ///   - maxKeys: how many keys are remembered at most, ≥ 1.
    public init(capacity: Double, refillPerSecond: Double, maxKeys: Int = 10_000) {
        precondition(capacity >= 1 && refillPerSecond > 0 && maxKeys >= 1, "a rate limiter needs capacity ≥ 1, a positive refill and room for a key")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.maxKeys = maxKeys
    }

    /// Spends `cost` from `key`'s bucket if it holds that much, and says whether it did.
    public func acquire(_ key: String, cost: Double = 1, now: ContinuousClock.Instant = .now) -> Decision {
        buckets.withLock { buckets in
            var bucket = buckets[key].map { refilled($0, at: now) } ?? Bucket(tokens: capacity, updated: now)
            if buckets[key] == nil && buckets.count >= maxKeys { makeRoom(in: &buckets, at: now) }
            defer { buckets[key] = bucket }
            guard bucket.tokens >= cost else {
                let missing = cost - bucket.tokens
                return .limited(retryAfter: .milliseconds(Int((missing / refillPerSecond * 1000).rounded(.up))))
            }
            bucket.tokens -= cost
            return .allowed
        }
    }

    /// How many keys are remembered now (for tests and diagnostics).
    public var trackedKeys: Int { buckets.withLock { $0.count } }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Bucket {
        // A clock that seems to go backwards (instants passed in by a caller) earns nothing.
        let elapsed = max(0, Self.seconds(now - bucket.updated))
        return Bucket(tokens: min(capacity, bucket.tokens + elapsed * refillPerSecond), updated: max(now, bucket.updated))
    }

    private func makeRoom(in buckets: inout [String: Bucket], at now: ContinuousClock.Instant) {
        let full = buckets.filter { refilled($0.value, at: now).tokens >= capacity }.map(\.key)
        for key in full { buckets[key] = nil }
        if buckets.count >= maxKeys, let idlest = buckets.min(by: { $0.value.updated < $1.value.updated })?.key {
            buckets[idlest] = nil
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension RateLimiter.Decision {
    /// Whole seconds to put in a `Retry-After` header (at least 1).
    public var retryAfterSeconds: Int? {
        guard case .limited(let wait) = self else { return nil }
        return max(1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
    }
}

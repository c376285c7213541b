import Testing
@testable import MicroHTTP

/// The token bucket, driven by instants we choose, so nothing here depends on how fast the machine is.
@Suite struct RateLimiterTests {
    let start = ContinuousClock.now

    @Test func aKeyMaySpendItsCapacityAtOnceAndThenWaitsForTheRefill() {
        let limiter = RateLimiter(capacity: 3, refillPerSecond: 0.5)
        for _ in 0..<3 { #expect(limiter.acquire("10.0.0.1", now: start) == .allowed) }
        let refused = limiter.acquire("10.0.0.1", now: start)
        #expect(refused == .limited(retryAfter: .seconds(2)), "one token at 0.5 per second takes 2 s")
        #expect(refused.retryAfterSeconds == 2)
        #expect(limiter.acquire("10.0.0.1", now: start + .milliseconds(1900)) != .allowed)
        #expect(limiter.acquire("10.0.0.1", now: start + .seconds(2)) == .allowed, "one token back after two seconds")
        #expect(limiter.acquire("10.0.0.1", now: start + .seconds(2)) != .allowed)
    }

    @Test func keysHaveTheirOwnBuckets() {
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 0.01)
        #expect(limiter.acquire("a", now: start) == .allowed)
        #expect(limiter.acquire("a", now: start) != .allowed)
        #expect(limiter.acquire("b", now: start) == .allowed)
    }

    @Test func aBucketNeverHoldsMoreThanItsCapacity() {
        let limiter = RateLimiter(capacity: 2, refillPerSecond: 1)
        #expect(limiter.acquire("a", now: start) == .allowed)
        let muchLater = start + .seconds(3600)
        #expect(limiter.acquire("a", now: muchLater) == .allowed)
        #expect(limiter.acquire("a", now: muchLater) == .allowed)
        #expect(limiter.acquire("a", now: muchLater) != .allowed, "an hour idle earns two tokens, not 3600")
    }

    @Test func aCostAboveOneTakesThatManyTokensAndSaysHowLongUntilItFits() {
        let limiter = RateLimiter(capacity: 5, refillPerSecond: 1)
        #expect(limiter.acquire("a", cost: 4, now: start) == .allowed)
        #expect(limiter.acquire("a", cost: 4, now: start) == .limited(retryAfter: .seconds(3)))
        #expect(limiter.acquire("a", cost: 1, now: start) == .allowed, "a refused request spends nothing")
    }

    @Test func anInstantBeforeTheLastOneEarnsNothing() {
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 1)
        #expect(limiter.acquire("a", now: start + .seconds(10)) == .allowed)
        #expect(limiter.acquire("a", now: start) != .allowed)
    }

    @Test func memoryIsBoundedForgettingFullBucketsFirstThenTheIdlest() {
        let limiter = RateLimiter(capacity: 2, refillPerSecond: 1, maxKeys: 3)
        #expect(limiter.acquire("a", now: start) == .allowed)
        #expect(limiter.acquire("b", cost: 2, now: start + .seconds(1)) == .allowed)
        #expect(limiter.acquire("c", cost: 2, now: start + .seconds(1)) == .allowed)
        #expect(limiter.trackedKeys == 3)
        // At 1.5 s, a has refilled (full again) but b and c have not: a is forgotten for d.
        #expect(limiter.acquire("d", cost: 2, now: start + .milliseconds(1500)) == .allowed)
        #expect(limiter.trackedKeys == 3)
        #expect(limiter.acquire("b", now: start + .milliseconds(1500)) != .allowed, "b is still remembered as empty")
        // Nobody is full at 1.6 s: the idlest (c, last used at 1 s; b was refused at 1.5 s) makes room.
        #expect(limiter.acquire("e", cost: 2, now: start + .milliseconds(1600)) == .allowed)
        #expect(limiter.trackedKeys == 3)
        #expect(limiter.acquire("c", cost: 2, now: start + .milliseconds(1600)) == .allowed, "c was forgotten, so it starts full")
    }

    @Test func concurrentRequestsOfOneKeyNeverSpendMoreThanTheCapacity() async {
        let limiter = RateLimiter(capacity: 50, refillPerSecond: 0.001)
        let now = start
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 { group.addTask { limiter.acquire("same", now: now) == .allowed } }
            var count = 0
            for await ok in group where ok { count += 1 }
            return count
        }
        #expect(allowed == 50)
    }
}

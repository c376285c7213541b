import Synchronization
import Testing
@testable import MicroHTTP

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let start = ContinuousClock.now
    private let elapsed = Mutex<Duration>(.zero)

    func advance(_ duration: Duration) { elapsed.withLock { $0 += duration } }
    var now: @Sendable () -> ContinuousClock.Instant { { self.start + self.elapsed.withLock { $0 } } }
}

@Suite struct ClientRateLimiterTests {
    @Test func aClientMayTakeItsBurstThenWaitsForTheRefill() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(policy: .init(burst: 3, refillInterval: .seconds(10)), now: clock.now)
        for _ in 1...3 { #expect(limiter.take("a") == nil) }
        #expect(limiter.take("a") == .seconds(10))
        #expect(limiter.retryAfter("a") == .seconds(10))
        clock.advance(.seconds(4))
        #expect(limiter.take("a") == .seconds(6))
        clock.advance(.seconds(6))
        #expect(limiter.retryAfter("a") == nil)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") == .seconds(10))
    }

    @Test func beingRefusedCostsNothing() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(policy: .init(burst: 1, refillInterval: .seconds(10)), now: clock.now)
        #expect(limiter.take("a") == nil)
        for _ in 1...50 { #expect(limiter.take("a") != nil) }
        clock.advance(.seconds(10))
        #expect(limiter.take("a") == nil)
    }

    @Test func aTokenGivenBackCanBeTakenAgainButNeverBeyondTheBurst() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(policy: .init(burst: 2, refillInterval: .seconds(60)), now: clock.now)
        for _ in 1...100 {
            #expect(limiter.take("a") == nil)
            limiter.giveBack("a")
        }
        limiter.giveBack("a")
        limiter.giveBack("b")
        #expect(limiter.take("a") == nil && limiter.take("a") == nil && limiter.take("a") != nil)
        #expect(limiter.trackedClients == 1, "giving back to a client without a bucket makes none")
    }

    @Test func aLongPauseRefillsNoMoreThanTheBurst() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(policy: .init(burst: 2, refillInterval: .seconds(1)), now: clock.now)
        _ = limiter.take("a")
        clock.advance(.seconds(3600))
        #expect(limiter.take("a") == nil && limiter.take("a") == nil)
        #expect(limiter.take("a") != nil)
    }

    @Test func clientsHaveBucketsOfTheirOwn() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(policy: .init(burst: 2, refillInterval: .seconds(60)), now: clock.now)
        _ = limiter.take("a")
        _ = limiter.take("a")
        #expect(limiter.take("a") != nil)
        #expect(limiter.retryAfter("b") == nil)
        #expect(limiter.take("b") == nil)
        #expect(limiter.retryAfter("b") == nil)
    }

    @Test func memoryStaysBoundedWhateverTheNumberOfClients() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(policy: .init(burst: 2, refillInterval: .seconds(60), maxClients: 100), now: clock.now)
        for client in 0..<10_000 {
            _ = limiter.take("10.0.\(client / 256).\(client % 256)")
            clock.advance(.milliseconds(1))
            #expect(limiter.trackedClients <= 100)
        }
        // The most recent clients are the ones kept.
        #expect(limiter.take("10.0.39.15") == nil)
        #expect(limiter.take("10.0.39.15") != nil)
    }

    @Test func refilledBucketsAreDroppedBeforeBusyOnes() {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(policy: .init(burst: 1, refillInterval: .seconds(1), maxClients: 4), now: clock.now)
        for client in ["busy", "a", "b", "c"] { _ = limiter.take(client) }
        clock.advance(.seconds(2))
        _ = limiter.take("busy")
        // Four tracked: a fifth client drops the three refilled ones, and keeps the one still waiting.
        _ = limiter.take("new")
        #expect(limiter.trackedClients == 2)
        #expect(limiter.retryAfter("busy") != nil)
    }

    @Test func requestsArrivingTogetherGetNoMoreThanTheBurst() async {
        let limiter = ClientRateLimiter(policy: .init(burst: 5, refillInterval: .seconds(3600)))
        let granted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 { group.addTask { limiter.take("a") == nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 5)
    }

    @Test func ipv6ClientsAreKeyedByTheirSlash64() {
        #expect(ClientRateLimiter.clientKey(forAddress: "192.0.2.7") == "192.0.2.7")
        #expect(ClientRateLimiter.clientKey(forAddress: "2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(ClientRateLimiter.clientKey(forAddress: "2001:db8:1:2:bbbb:cccc:dddd:eeee") == "2001:db8:1:2::/64")
        #expect(ClientRateLimiter.clientKey(forAddress: "2001:0db8:0001:0002::") == "2001:db8:1:2::/64")
        #expect(ClientRateLimiter.clientKey(forAddress: "2001:db8::1") == "2001:db8:0:0::/64")
        #expect(ClientRateLimiter.clientKey(forAddress: "::1") == "0:0:0:0::/64")
        #expect(ClientRateLimiter.clientKey(forAddress: "::ffff:192.0.2.7") == "192.0.2.7")
        #expect(ClientRateLimiter.clientKey(forAddress: "") == "")
    }
}

@Suite struct ClientAddressTests {
    func request(from peer: String, forwardedFor: [String]) throws -> Request {
        var headers = HTTPHeaders()
        for value in forwardedFor { headers.add("X-Forwarded-For", value) }
        return try Request(method: .get, target: "/", headers: headers, remoteAddress: peer)
    }

    @Test func theForwardedForHeaderCountsOnlyFromATrustedProxy() throws {
        let proxies: Set<String> = ["10.0.0.1", "10.0.0.2"]
        #expect(try request(from: "198.51.100.9", forwardedFor: ["203.0.113.5"]).clientAddress(trustingProxies: proxies) == "198.51.100.9")
        #expect(try request(from: "10.0.0.1", forwardedFor: ["203.0.113.5"]).clientAddress(trustingProxies: proxies) == "203.0.113.5")
        #expect(try request(from: "10.0.0.1", forwardedFor: []).clientAddress(trustingProxies: proxies) == "10.0.0.1")
        #expect(try request(from: "10.0.0.1", forwardedFor: ["203.0.113.5"]).clientAddress(trustingProxies: []) == "10.0.0.1")
    }

    @Test func theNearestUntrustedAddressIsTheClientWhateverItClaimsBeforeThat() throws {
        let proxies: Set<String> = ["10.0.0.1", "10.0.0.2"]
        // The client wrote the first entry itself; only what our proxies appended can be believed.
        let chained = try request(from: "10.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.5 ,10.0.0.2"])
        #expect(chained.clientAddress(trustingProxies: proxies) == "203.0.113.5")
        let twoHeaders = try request(from: "10.0.0.1", forwardedFor: ["1.2.3.4", "203.0.113.7"])
        #expect(twoHeaders.clientAddress(trustingProxies: proxies) == "203.0.113.7")
        #expect(try request(from: "10.0.0.1", forwardedFor: ["10.0.0.2, ,"]).clientAddress(trustingProxies: proxies) == "10.0.0.1")
    }
}

import Testing
@testable import Statistics

@Suite struct WilsonIntervalTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

    // Reference values from SciPy 1.17: binomtest(x, n).proportion_ci(method="wilson").
    @Test func matchesSciPysWilsonInterval() throws {
        let estimate = try #require(Proportion.wilson(successes: 104, n: 170))
        #expect(close(estimate.share, 104.0 / 170.0))
        #expect(close(estimate.lower, 0.5368074497691455, 1e-12))
        #expect(close(estimate.upper, 0.6817825244394493, 1e-12))
    }

    @Test func extremesStayInsideZeroAndOne() throws {
        let none = try #require(Proportion.wilson(successes: 0, n: 10))
        #expect(none.lower == 0 && close(none.upper, 0.2775327998628892, 1e-12))
        let all = try #require(Proportion.wilson(successes: 10, n: 10))
        #expect(all.upper == 1 && close(all.lower, 0.7224672001371109, 1e-12))
    }

    @Test func noRespondentsGiveNoEstimate() {
        #expect(Proportion.wilson(successes: 0, n: 0) == nil)
        #expect(Proportion.wilson(successes: 3, n: 2) == nil)
    }
}

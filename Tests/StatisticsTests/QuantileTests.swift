import Foundation
import Testing
import Statistics

/// Quantiles against R 4.x (`sprintf("%.17g", qt(...))` etc.), to 1e-10 relative.
@Suite struct QuantileTests {
    func close(_ value: Double, _ expected: Double, _ tolerance: Double = 1e-10) -> Bool {
        abs(value - expected) <= tolerance * abs(expected)
    }

    @Test(arguments: [
        (0.975, 1.0, 12.706204736174694),
        (0.975, 2, 4.3026527297494619),
        (0.975, 9, 2.2621571627982049),
        (0.975, 1000, 1.9623390808264076),
        (0.025, 29, -2.0452296421327039),
        (0.995, 3, 5.8409093097333544),
        (0.9, 2.5, 1.7302509288071761),
        (1e-8, 4, -131.59473694062353),
    ])
    func studentTMatchesR(p: Double, df: Double, expected: Double) {
        let value = Quantiles.studentT(p: p, degreesOfFreedom: df)
        #expect(close(value, expected), "qt(\(p), \(df)) = \(value), R says \(expected)")
    }

    @Test func studentTIsSymmetricAndHasItsLimits() {
        #expect(Quantiles.studentT(p: 0.5, degreesOfFreedom: 7) == 0)
        #expect(close(Quantiles.studentT(p: 0.1, degreesOfFreedom: 7), -Quantiles.studentT(p: 0.9, degreesOfFreedom: 7), 1e-14))
        #expect(Quantiles.studentT(p: 1, degreesOfFreedom: 7) == .infinity)
        #expect(Quantiles.studentT(p: 0, degreesOfFreedom: 7) == -.infinity)
        #expect(Quantiles.studentT(p: 0.975, degreesOfFreedom: 0).isNaN)
        #expect(Quantiles.studentT(p: 1.5, degreesOfFreedom: 3).isNaN)
        // Towards the normal as df grows.
        #expect(close(Quantiles.studentT(p: 0.975, degreesOfFreedom: .infinity), 1.9599639845400536))
    }

    @Test(arguments: [
        (0.025, 5.0, 1.0, 0.4781762498950185),
        (0.975, 1, 5, 0.52182375010498139),
        (0.025, 3, 8, 0.066739511177734467),
        (0.5, 0.5, 0.5, 0.5),
        (0.001, 2, 30, 0.0014876861369423936),
        (0.975, 143.7, 12.2, 0.95838219153237458),
        (0.025, 41.3, 1, 0.91455367910348184),
    ])
    func betaMatchesR(p: Double, a: Double, b: Double, expected: Double) {
        let value = Quantiles.beta(p: p, a: a, b: b)
        #expect(close(value, expected), "qbeta(\(p), \(a), \(b)) = \(value), R says \(expected)")
    }

    @Test func betaHasItsLimitsAndTheClopperPearsonClosedForm() {
        #expect(Quantiles.beta(p: 0, a: 2, b: 3) == 0)
        #expect(Quantiles.beta(p: 1, a: 2, b: 3) == 1)
        #expect(Quantiles.beta(p: 0.5, a: 0, b: 3).isNaN)
        for n in [1.0, 2.5, 17, 143.7, 3000] {
            #expect(close(Quantiles.beta(p: 0.025, a: n, b: 1), pow(0.025, 1 / n)))
        }
    }

    @Test(arguments: [
        (0.975, 1.9599639845400536), (1e-10, -6.3613409024040557), (0.3, -0.52440051270804067),
        (0.999999, 4.7534243088170891),
    ])
    func normalMatchesR(p: Double, expected: Double) {
        #expect(close(Quantiles.normal(p: p), expected))
    }
}

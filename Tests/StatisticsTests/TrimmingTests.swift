import Testing
@testable import Statistics

/// R's trimWeights() with bounds as factors of the mean weight.
@Suite struct TrimmingTests {
    @Test func excessIsSpreadEvenlyOverTheUntrimmedWeights() {
        // Mean 2; bounds 0.5 and 4; 5 → 4 frees 1, spread over the three others.
        let result = WeightTrimming.trim([1, 1, 1, 5], lowerFactor: 0.25, upperFactor: 2)
        #expect(result.trimmed == 1)
        #expect(zip(result.weights, [4.0 / 3, 4.0 / 3, 4.0 / 3, 4]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(result.weights.reduce(0, +) - 8) < 1e-12)
    }

    @Test func raisedAndLoweredWeightsCanCancel() {
        // Mean 2; bounds 1 and 3: −0.5 and +0.5 cancel, the middle weights stay.
        let result = WeightTrimming.trim([0.5, 2, 2, 2, 3.5], lowerFactor: 0.5, upperFactor: 1.5)
        #expect(result.trimmed == 2 && result.weights == [1, 2, 2, 2, 3])
    }

    @Test func nothingOutsideTheBoundsChangesNothing() {
        let result = WeightTrimming.trim([1, 2, 3], lowerFactor: 0.3, upperFactor: 3)
        #expect(result.trimmed == 0 && result.weights == [1, 2, 3])
    }

    /// With every weight outside there is nobody to spread over; R clamps and leaves the sum changed.
    @Test func everyWeightOutsideIsClampedWithoutNaN() {
        let result = WeightTrimming.trim([0.5, 1.5], lowerFactor: 0.9, upperFactor: 1.1)
        #expect(result.trimmed == 2 && result.weights == [0.9, 1.1])
    }

    @Test func rakingTrimsAfterConvergingAndSaysHowMany() throws {
        let respondents = (0..<10).map { index in
            Respondent(supports: index.isMultiple(of: 2), categories: ["area": index == 0 ? "A" : "B"])
        }
        let margins = [Margin(variable: "area", totals: ["A": 500, "B": 500])]
        let raking = try Rake.weights(respondents, margins: margins, options: .init(trim: (lower: 0.3, upper: 3)))
        // Raked: A 500, B 500/9 each; mean 100; A is capped at 300 and 200 spread over nine.
        #expect(raking.trimmedCount == 1)
        #expect(abs(raking.weights[0] - 300) < 1e-9)
        let expected: Double = 700.0 / 9
        #expect(raking.weights.dropFirst().allSatisfy { abs($0 - expected) < 1e-9 })
    }
}

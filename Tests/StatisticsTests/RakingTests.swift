import Testing
@testable import Statistics

/// Raking on examples small enough to check by hand.
@Suite struct RakingTests {
    func person(_ area: String, _ sex: String, supports: Bool = false) -> Respondent {
        Respondent(supports: supports, categories: ["area": area, "sex": sex])
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * abs(b) }

    /// Cells (A,x) ×2, (A,y), (B,y); (B,x) has nobody. The fixed point must give A = 60, B = 40,
    /// x = 50, y = 50 with (B,x) = 0, so (A,x) = 50, (A,y) = 10, (B,y) = 40.
    @Test func convergesToTheFixedPointOfATwoByTwoTableWithAnEmptyCell() throws {
        let respondents = [person("A", "x"), person("A", "x"), person("A", "y"), person("B", "y")]
        let margins = [
            Margin(variable: "area", totals: ["A": 60, "B": 40]), Margin(variable: "sex", totals: ["x": 50, "y": 50]),
        ]
        let raking = try Rake.weights(respondents, margins: margins)
        #expect(raking.converged)
        #expect(raking.sweeps > 2 && raking.sweeps < 1000)
        #expect(raking.variables == ["area", "sex"])
        #expect(close(raking.weights[0], 25) && close(raking.weights[1], 25))
        #expect(close(raking.weights[2], 10) && close(raking.weights[3], 40))
    }

    /// One sweep: A gets 60/3 = 20 each, B 40; then x (sum 40) × 5/4 and y (sum 60) × 5/6.
    @Test func aSingleSweepIsPostStratificationOnEachMarginInTurn() throws {
        let respondents = [person("A", "x"), person("A", "x"), person("A", "y"), person("B", "y")]
        let margins = [
            Margin(variable: "area", totals: ["A": 60, "B": 40]), Margin(variable: "sex", totals: ["x": 50, "y": 50]),
        ]
        let raking = try Rake.weights(respondents, margins: margins, options: .init(maxSweeps: 1))
        #expect(!raking.converged && raking.sweeps == 1)
        #expect(close(raking.weights[0], 25) && close(raking.weights[2], 50.0 / 3) && close(raking.weights[3], 100.0 / 3))
    }

    /// A sample already proportional to the population: every weight is N/n, and the second sweep
    /// finds no change.
    @Test func aProportionalSampleGetsEqualWeights() throws {
        let respondents = [person("A", "x"), person("A", "y"), person("B", "x"), person("B", "y")]
        let margins = [
            Margin(variable: "area", totals: ["A": 500, "B": 500]), Margin(variable: "sex", totals: ["x": 500, "y": 500]),
        ]
        let raking = try Rake.weights(respondents, margins: margins)
        #expect(raking.converged && raking.sweeps == 2)
        #expect(raking.weights.allSatisfy { close($0, 250) })
    }

    /// The tolerance is relative to the starting weights' sum (n), as R's rake(): an absolute bound ≥ 1
    /// stops as soon as a sweep moves no cell by that much.
    @Test func toleranceFollowsRsEpsilonRule() throws {
        let respondents = [person("A", "x"), person("A", "x"), person("A", "y"), person("B", "y")]
        let margins = [
            Margin(variable: "area", totals: ["A": 60, "B": 40]), Margin(variable: "sex", totals: ["x": 50, "y": 50]),
        ]
        let loose = try Rake.weights(respondents, margins: margins, options: .init(tolerance: 5))
        let strict = try Rake.weights(respondents, margins: margins)
        #expect(loose.converged && loose.sweeps < strict.sweeps)
    }

    @Test func noMarginsMeansEveryoneWeighsOne() throws {
        let raking = try Rake.weights([person("A", "x"), person("B", "y")], margins: [])
        #expect(raking.weights == [1, 1] && raking.converged && raking.sweeps == 0)
    }

    @Test func extraVariablesAndUnpopulatedCategoriesAreIgnored() throws {
        let respondents = [
            Respondent(supports: true, categories: ["area": "A", "buurt": "1"]),
            Respondent(supports: false, categories: ["area": "B", "buurt": "2"]),
        ]
        let raking = try Rake.weights(
            respondents, margins: [Margin(variable: "area", totals: ["A": 30, "B": 70, "C": 0])])
        #expect(raking.weights == [30, 70])
    }
}

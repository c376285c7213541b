import Foundation
import Testing
import Statistics

/// Edge cases of the weighted estimate, decided here and kept free of NaN (the R oracle covers the
/// ordinary cases). Hand formulas are the ones svymean()'s variance reduces to in these designs.
@Suite struct SupportEstimateTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance * max(abs(b), 1) }

    func finite(_ estimate: WeightedEstimate) -> Bool {
        [estimate.share, estimate.standardError, estimate.lower, estimate.upper, estimate.effectiveSampleSize]
            .allSatisfy(\.isFinite) && (estimate.designEffect?.isFinite ?? true)
            && estimate.lower <= estimate.share && estimate.share <= estimate.upper
            && estimate.lower >= 0 && estimate.upper <= 1
    }

    /// One respondent: share 0 or 1, Clopper–Pearson on n_eff = 1, SE 0 (R stops: one PSU), no deff.
    @Test func oneRespondent() throws {
        let margins = [Margin(variable: "gender", totals: ["vrouw": 5000, "man": 0])]
        let yes = try SupportEstimate.weighted(
            [Respondent(supports: true, categories: ["gender": "vrouw"])], margins: margins)
        #expect(yes.raking.weights == [5000])
        #expect(yes.estimate == WeightedEstimate(
            share: 1, standardError: 0, lower: 0.025, upper: 1, intervalMethod: "clopper-pearson",
            designEffect: nil, effectiveSampleSize: 1, n: 1))
        let no = try SupportEstimate.weighted(
            [Respondent(supports: false, categories: ["gender": "vrouw"])], margins: margins)
        #expect(no.estimate.share == 0 && no.estimate.lower == 0 && close(no.estimate.upper, 0.975))
    }

    /// Everyone in favour: share exactly 1, lower end 0.025^(1/n_eff) = qbeta(0.025, n_eff, 1).
    @Test func unanimousSupportUsesClopperPearsonOnTheEffectiveSampleSize() throws {
        let respondents = (0..<12).map { index in
            Respondent(supports: true, categories: ["gender": index < 3 ? "man" : "vrouw"])
        }
        let margins = [Margin(variable: "gender", totals: ["man": 500, "vrouw": 500])]
        let (estimate, raking) = try SupportEstimate.weighted(respondents, margins: margins)
        let weights = raking.weights
        let kish = pow(weights.reduce(0, +), 2) / weights.map { $0 * $0 }.reduce(0, +)
        #expect(estimate.share == 1 && estimate.upper == 1 && estimate.standardError == 0)
        #expect(estimate.intervalMethod == "clopper-pearson" && estimate.designEffect == nil)
        #expect(close(estimate.effectiveSampleSize, kish))
        #expect(close(estimate.lower, pow(0.025, 1 / kish)))
        #expect(close(estimate.lower, Quantiles.beta(p: 0.025, a: kish, b: 1), 1e-10))
        let against = SupportEstimate.opposeShare(respondents, raking: raking)
        #expect(against.share == 0 && against.lower == 0 && close(against.upper, 1 - pow(0.025, 1 / kish)))
    }

    /// Without margins every weight is 1 and svymean's SE is the textbook √(p(1 − p)/(n − 1)).
    @Test func unweightedDesignGivesTheTextbookStandardError() throws {
        let respondents = (0..<10).map { Respondent(supports: $0 < 3, categories: [:]) }
        let (estimate, _) = try SupportEstimate.weighted(respondents, margins: [])
        #expect(close(estimate.share, 0.3))
        #expect(close(estimate.standardError, (0.3 * 0.7 / 9).squareRoot()))
        #expect(estimate.designEffect == nil)  // Σw = n: R divides by zero
        let t = Quantiles.studentT(p: 0.975, degreesOfFreedom: 9)
        let eta = log(0.3 / 0.7), half = t * estimate.standardError / 0.21
        #expect(close(estimate.lower, 1 / (1 + exp(-(eta - half)))))
        #expect(close(estimate.upper, 1 / (1 + exp(-(eta + half)))))
        #expect(estimate.intervalMethod == "logit")
    }

    /// One margin is post-stratification: the backfitted influence values are wᵢ(yᵢ − ȳ_g)/W, so
    /// Var = n/(n − 1) Σ_g (W_g/n_g)² Σ_{i∈g} (yᵢ − ȳ_g)² / W².
    @Test func oneMarginGivesThePostStratifiedStandardError() throws {
        let answers: [(String, Bool)] = [
            ("A", true), ("A", false), ("A", true), ("A", true), ("B", false), ("B", true), ("B", false),
        ]
        let respondents = answers.map { Respondent(supports: $0.1, categories: ["area": $0.0]) }
        let margins = [Margin(variable: "area", totals: ["A": 300, "B": 700])]
        let (estimate, raking) = try SupportEstimate.weighted(respondents, margins: margins)
        let shareA = 0.75, shareB = 1.0 / 3
        #expect(close(estimate.share, 0.3 * shareA + 0.7 * shareB))
        let squaresA = 3 * pow(1 - shareA, 2) + pow(shareA, 2)
        let squaresB = pow(1 - shareB, 2) + 2 * pow(shareB, 2)
        let variance = 7.0 / 6 * (pow(75.0, 2) * squaresA + pow(700.0 / 3, 2) * squaresB) / 1e6
        #expect(close(estimate.standardError, variance.squareRoot()))
        #expect(raking.sweeps == 2 && estimate.n == 7)
    }

    /// Tiny samples of every composition: never NaN, never outside [0, 1].
    @Test func tinySamplesNeverGiveNaN() throws {
        let margins = [Margin(variable: "area", totals: ["A": 400, "B": 600])]
        for size in 2...6 {
            for pattern in 0..<(1 << size) {
                let respondents = (0..<size).map { index in
                    Respondent(
                        supports: pattern >> index & 1 == 1, opposes: pattern >> index & 1 == 0,
                        categories: ["area": index.isMultiple(of: 2) ? "A" : "B"])
                }
                let (estimate, raking) = try SupportEstimate.weighted(respondents, margins: margins)
                #expect(finite(estimate), "n = \(size), pattern \(pattern): \(estimate)")
                #expect(finite(SupportEstimate.opposeShare(respondents, raking: raking)))
                for domain in SupportEstimate.byDomain(respondents, variable: "area", raking: raking) {
                    #expect(finite(domain.estimate), "domain \(domain.category), n = \(size), pattern \(pattern)")
                }
            }
        }
    }

    @Test func noRespondentsAndNoMarginsGiveTheUninformativeInterval() throws {
        let (estimate, raking) = try SupportEstimate.weighted([], margins: [])
        #expect(raking.weights.isEmpty)
        #expect(estimate.n == 0 && estimate.lower == 0 && estimate.upper == 1 && estimate.share == 0)
    }

    @Test func domainsAreSortedUseTheWholeSampleWeightsAndSkipRespondentsWithoutTheVariable() throws {
        let respondents = [
            Respondent(supports: true, categories: ["area": "B", "buurt": "west"]),
            Respondent(supports: false, categories: ["area": "A", "buurt": "oost"]),
            Respondent(supports: true, categories: ["area": "A", "buurt": "oost"]),
            Respondent(supports: true, categories: ["area": "A"]),
        ]
        let margins = [Margin(variable: "area", totals: ["A": 300, "B": 100])]
        let domains = try SupportEstimate.byDomain(respondents, variable: "buurt", margins: margins)
        #expect(domains.map(\.category) == ["oost", "west"])
        #expect(domains[0].estimate.n == 2 && close(domains[0].estimate.share, 0.5))
        #expect(domains[0].estimate.intervalMethod == "logit")
        #expect(domains[1].estimate.n == 1 && domains[1].estimate.intervalMethod == "clopper-pearson")
        // Domain degrees of freedom are the domain's n − 1 (svyby hands svyciprop the subset design).
        let half = Quantiles.studentT(p: 0.975, degreesOfFreedom: 1) * domains[0].estimate.standardError / 0.25
        #expect(close(domains[0].estimate.upper, 1 / (1 + exp(-half))))
    }

    @Test func opposeShareWithMarginsEqualsOpposeShareWithTheRaking() throws {
        let respondents = (0..<9).map { index in
            Respondent(supports: index < 4, opposes: index >= 6, categories: ["area": index < 5 ? "A" : "B"])
        }
        let margins = [Margin(variable: "area", totals: ["A": 250, "B": 750])]
        let (_, raking) = try SupportEstimate.weighted(respondents, margins: margins)
        let direct = try SupportEstimate.opposeShare(respondents, margins: margins)
        #expect(direct == SupportEstimate.opposeShare(respondents, raking: raking))
        #expect(direct == SupportEstimate.share(.opposes, of: respondents, raking: raking))
        #expect(close(direct.share, 0.75 * 3 / 4))
    }
}

import Foundation
import Testing
import Statistics

/// R's survey package as the oracle (SPEC §5): weights and shares to 1e-9 relative, standard errors,
/// interval ends and design effects to 1e-6, on generated data sets. Fails, never skips, without R.
@Suite struct ROracleTests {
    @Test(arguments: OracleCase.allCases)
    func agreesWithRsSurveyPackage(_ oracleCase: OracleCase) async throws {
        let set = oracleCase.dataSet
        let reference = try await ROracle.result(for: set)
        var differences = Differences()
        defer { print("R oracle \(oracleCase) (n = \(set.respondents.count), R sweeps \(reference.sweeps ?? 0)): \(differences)") }

        if let error = reference.error {
            try expectSameRakingFailure(set, reference: reference, error: error)
            return
        }
        let raking = try Rake.weights(set.respondents, margins: set.margins, options: set.options)
        #expect(raking.sweeps == reference.sweeps)
        #expect(raking.converged == reference.converged)
        if set.trim != nil { #expect(raking.trimmedCount > 0, "the trim bounds should bite in this data set") }
        try #require(raking.weights.count == reference.weights.count)
        for (mine, r) in zip(raking.weights, reference.weights) {
            differences.weights = max(differences.weights, relative(mine, r))
        }
        #expect(differences.weights <= 1e-9)

        for outcome in [SupportEstimate.Outcome.supports, .opposes] {
            let mine = SupportEstimate.share(outcome, of: set.respondents, raking: raking)
            let r = try #require(reference.estimates[outcome.rawValue])
            compare(mine, r, "\(outcome)", &differences)
            if let variable = set.domain {
                let domains = SupportEstimate.byDomain(set.respondents, variable: variable, raking: raking, outcome: outcome)
                let rDomains = reference.domains[outcome.rawValue] ?? [:]
                #expect(Set(domains.map(\.category)) == Set(rDomains.keys))
                for domain in domains {
                    let r = try #require(rDomains[domain.category])
                    compare(domain.estimate, r, "\(outcome) in \(variable) = \(domain.category)", &differences)
                }
            }
        }
    }

    private func expectSameRakingFailure(_ set: OracleDataSet, reference: ROracleResult, error: String) throws {
        #expect(error.contains("absent from sample"), "R failed differently: \(error)")
        let empty = try #require(reference.empty.first, "R named no empty category")
        #expect(throws: RakingError.emptyCategory(variable: empty.variable, category: empty.category, populationTotal: empty.total)) {
            try Rake.weights(set.respondents, margins: set.margins, options: set.options)
        }
    }

    private func compare(
        _ mine: WeightedEstimate, _ r: ROracleResult.Estimate, _ label: String, _ differences: inout Differences
    ) {
        let share = relative(mine.share, r.share)
        let standardError = relative(mine.standardError, r.standardError)
        let lower = relative(mine.lower, r.lower), upper = relative(mine.upper, r.upper)
        let effectiveSampleSize = relative(mine.effectiveSampleSize, r.effectiveSampleSize)
        #expect(share <= 1e-9, "share \(label): \(mine.share) vs R \(r.share)")
        #expect(effectiveSampleSize <= 1e-9, "n_eff \(label): \(mine.effectiveSampleSize) vs R \(r.effectiveSampleSize)")
        #expect(standardError <= 1e-6, "SE \(label): \(mine.standardError) vs R \(r.standardError)")
        #expect(lower <= 1e-6, "lower \(label): \(mine.lower) vs R \(r.lower)")
        #expect(upper <= 1e-6, "upper \(label): \(mine.upper) vs R \(r.upper)")
        #expect(mine.intervalMethod == r.method, "method \(label)")
        #expect(mine.n == r.n, "n \(label)")
        switch (mine.designEffect, r.designEffect) {
        case (let mine?, let r?):
            let deff = relative(mine, r)
            differences.designEffect = max(differences.designEffect, deff)
            #expect(deff <= 1e-6, "deff \(label): \(mine) vs R \(r)")
        case (nil, nil): break
        default: Issue.record("deff \(label): \(String(describing: mine.designEffect)) vs R \(String(describing: r.designEffect))")
        }
        differences.shares = max(differences.shares, share)
        differences.standardErrors = max(differences.standardErrors, standardError)
        differences.intervalEnds = max(differences.intervalEnds, lower, upper)
        differences.effectiveSampleSizes = max(differences.effectiveSampleSizes, effectiveSampleSize)
    }

    /// |a − b| / |b|; below 1e-12 differences count as absolute, since R's "zero" standard errors
    /// for unanimous answers are rounding noise around 1e-29 where ours are exactly 0.
    private func relative(_ mine: Double, _ r: Double) -> Double {
        if mine == r { return 0 }
        return abs(mine - r) / max(abs(r), 1e-12)
    }
}

/// The largest relative differences from R seen in one data set, for the test log.
struct Differences: CustomStringConvertible {
    var weights = 0.0, shares = 0.0, standardErrors = 0.0, intervalEnds = 0.0, designEffect = 0.0
    var effectiveSampleSizes = 0.0

    var description: String {
        func e(_ x: Double) -> String { String(format: "%.1e", x) }
        return "max relative difference: weights \(e(weights)), shares \(e(shares)), SE \(e(standardErrors)), "
            + "interval ends \(e(intervalEnds)), deff \(e(designEffect)), n_eff \(e(effectiveSampleSizes))"
    }
}

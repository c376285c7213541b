import Panel
import Statistics
import Storage
import Surveys

/// Turns the answers to a survey's support question into SPEC §5's draagvlak: raked to the
/// population of the survey's area, with R-exact standard errors and intervals, breakdowns with
/// small cells suppressed, and an honest fallback to unweighted figures when weighting cannot be done.
struct SupportAnalysis {
    let definition: SurveyDefinition
    let question: Question
    let rule: SupportRule
    let respondents: [ResponseRepository.RespondentRow]
    let population: PopulationTable
    /// Cells with fewer respondents are suppressed in every breakdown.
    let minimumCell: Int

    static let defaultVariables = ["wijk", "age_band", "gender"]

    /// Where to weigh to: the gemeente, or the one wijk or buurt the survey is for (whose constant
    /// variables then drop out).
    var scope: (name: String, variables: [String]) { Self.scope(of: definition) }

    /// The area a survey's results describe, and the variables that vary within it.
    static func scope(of definition: SurveyDefinition) -> (name: String, variables: [String]) {
        let audience = definition.audience ?? Audience()
        let chosen = definition.weighting?.variables ?? Self.defaultVariables
        if audience.buurten.count == 1 && audience.wijken.isEmpty {
            return (audience.buurten[0], chosen.filter { $0 != "wijk" && $0 != "buurt" })
        }
        if audience.wijken.count == 1 && audience.buurten.isEmpty { return (audience.wijken[0], chosen.filter { $0 != "wijk" }) }
        return ("gemeente", chosen)
    }

    /// Trimming as the survey file asks, both bounds or neither.
    var options: RakingOptions {
        var options = RakingOptions()
        if let weighting = definition.weighting, weighting.trimLower != nil || weighting.trimUpper != nil {
            options.trim = (lower: weighting.trimLower ?? 0, upper: weighting.trimUpper ?? .infinity)
        }
        return options
    }

    func category(_ row: ResponseRepository.RespondentRow, _ variable: String) -> String? {
        switch variable {
        case "wijk": row.wijk
        case "buurt": row.buurt
        case "age_band": row.ageBand
        case "gender": row.gender
        default: nil
        }
    }

    var statisticsRespondents: [Respondent] {
        respondents.map { row in
            var categories: [String: String] = [:]
            for variable in ["wijk", "buurt", "age_band", "gender"] { categories[variable] = category(row, variable) }
            return Respondent(supports: row.values.contains { rule.supports.contains($0) },
                              opposes: row.values.contains { rule.opposes.contains($0) }, categories: categories)
        }
    }

    struct Weighted {
        /// Each respondent's raking weight, by invitation.
        var weightByInvitation: [Int64: Double] = [:]
        let estimate: WeightedEstimate
        let oppose: WeightedEstimate
        let raking: Raking
        let variables: [String]
        let leftOut: [String]
        let domains: [String: [DomainEstimate]]
    }

    /// The weighted result, or the reason it cannot be computed (the caller reports unweighted figures).
    func weighted() -> Result<Weighted, WeightingProblem> {
        let (scopeName, wanted) = scope
        var margins: [Margin] = []
        var leftOut: [String] = []
        for variable in wanted {
            let totals = population.margins(scope: scopeName, variable: variable)
            guard !totals.isEmpty else {
                leftOut.append("\(variable): no population figures for \(scopeName)")
                continue
            }
            let known = Set(totals.map(\.category))
            let unknown = Set(respondents.compactMap { category($0, variable) }.filter { !known.contains($0) })
            let missing = respondents.filter { category($0, variable) == nil }.count
            guard unknown.isEmpty && missing == 0 else {
                let what = (unknown.sorted().map { "'\($0)'" } + (missing > 0 ? ["unknown"] : [])).joined(separator: ", ")
                leftOut.append("\(variable): respondents with \(what), which the population figures do not have")
                continue
            }
            margins.append(Margin(variable: variable, totals: Dictionary(totals.map { ($0.category, $0.total) }, uniquingKeysWith: +)))
        }
        guard !margins.isEmpty else { return .failure(WeightingProblem(message: "no variable can be weighted: " + leftOut.joined(separator: "; "))) }
        let people = statisticsRespondents
        do {
            let (estimate, raking) = try SupportEstimate.weighted(people, margins: margins, options: options)
            var domains: [String: [DomainEstimate]] = [:]
            for variable in Self.defaultVariables {
                domains[variable] = SupportEstimate.byDomain(people, variable: variable, raking: raking)
            }
            return .success(Weighted(
                weightByInvitation: Dictionary(zip(respondents.map(\.invitationID), raking.weights), uniquingKeysWith: { first, _ in first }),
                estimate: estimate, oppose: SupportEstimate.opposeShare(people, raking: raking), raking: raking,
                variables: margins.map(\.variable), leftOut: leftOut, domains: domains))
        } catch {
            return .failure(WeightingProblem(message: error.description))
        }
    }

    struct WeightingProblem: Error {
        let message: String
    }
}

extension ResultsReport {
    /// Replaces the unweighted draagvlak with the weighted one where weighting is possible, and adds
    /// breakdowns by wijk, age band and gender with every cell under `minimumCell` suppressed.
    public func weighted(respondents: [ResponseRepository.RespondentRow], definition: SurveyDefinition, population: PopulationTable,
                  minimumCell: Int = 10) -> ResultsReport {
        guard var draagvlak, let question = definition.supportQuestion, let rule = question.support else { return self }
        let analysis = SupportAnalysis(definition: definition, question: question, rule: rule, respondents: respondents,
                                       population: population, minimumCell: minimumCell)
        var report = self
        switch analysis.weighted() {
        case .success(let result):
            let estimate = result.estimate
            draagvlak.supportShare = estimate.share
            draagvlak.se = estimate.standardError
            draagvlak.ci95 = [estimate.lower, estimate.upper]
            draagvlak.intervalMethod = estimate.intervalMethod
            draagvlak.opposeShare = result.oppose.share
            draagvlak.nEff = estimate.effectiveSampleSize
            draagvlak.deff = estimate.designEffect
            draagvlak.weighted = true
            draagvlak.weighting = Weighting(
                applied: true, reason: nil, scope: analysis.scope.name, variables: result.variables, iterations: result.raking.sweeps,
                converged: result.raking.converged, leftOut: result.leftOut.isEmpty ? nil : result.leftOut)
            draagvlak.verdict = Verdict(rawValue: Statistics.Verdict.of(
                lower: estimate.lower, upper: estimate.upper, n: draagvlak.n, threshold: draagvlak.threshold, minN: draagvlak.minN).rawValue)!
            draagvlak.breakdowns = result.domains.mapValues { domains in
                Dictionary(uniqueKeysWithValues: domains.map { domain in
                    (domain.category, Cell(n: domain.estimate.n, minimum: minimumCell, share: domain.estimate.share,
                                           ci95: [domain.estimate.lower, domain.estimate.upper]))
                })
            }
        case .failure(let problem):
            draagvlak.weighting = Weighting(applied: false, reason: "not weighted: \(problem.message); shares are unweighted",
                                            scope: analysis.scope.name, variables: nil, iterations: nil, converged: nil, leftOut: nil)
            draagvlak.breakdowns = unweightedBreakdowns(analysis, minimumCell: minimumCell)
        }
        report.draagvlak = draagvlak
        return report
    }

    private func unweightedBreakdowns(_ analysis: SupportAnalysis, minimumCell: Int) -> [String: [String: Cell]] {
        var breakdowns: [String: [String: Cell]] = [:]
        for variable in SupportAnalysis.defaultVariables {
            let groups = Dictionary(grouping: analysis.statisticsRespondents) { $0.categories[variable] ?? "onbekend" }
            breakdowns[variable] = groups.mapValues { people in
                let estimate = Proportion.wilson(successes: people.filter(\.supports).count, n: people.count)
                return Cell(n: people.count, minimum: minimumCell, share: estimate?.share ?? 0, ci95: estimate.map { [$0.lower, $0.upper] } ?? [0, 1])
            }
        }
        return breakdowns
    }
}

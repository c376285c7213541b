/// Why a sample cannot be raked to its margins; the caller then reports the unweighted result.
/// These are the situations in which R's `rake()` stops with an error.
public enum RakingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A margin category with a population total but no respondents: no weight can reach its total
    /// (R: "Some strata absent from sample").
    case emptyCategory(variable: String, category: String, populationTotal: Double)
    /// A respondent (index into the respondents) without a category for a margin variable (R: `na.fail`).
    case missingCategory(respondent: Int, variable: String)
    /// A respondent whose category has no positive population total in the margin
    /// (R: "Strata in sample absent from population").
    case unknownCategory(respondent: Int, variable: String, category: String)

    public var description: String {
        switch self {
        case .emptyCategory(let variable, let category, let total):
            "cannot weight: no respondents in \(variable) = \(category) (population \(formatted(total)))"
        case .missingCategory(let respondent, let variable):
            "cannot weight: respondent \(respondent + 1) has no \(variable)"
        case .unknownCategory(let respondent, let variable, let category):
            "cannot weight: respondent \(respondent + 1) has \(variable) = \(category), which has no population total"
        }
    }

    private func formatted(_ total: Double) -> String {
        total == total.rounded() && abs(total) < 1e15 ? String(Int(total)) : String(total)
    }
}

/// A margin resolved against the respondents: category indices instead of strings, and the checks
/// R's `rake()` and `postStratify()` make before anything is weighted.
struct MarginLayout {
    let variable: String
    let categories: [String]
    let totals: [Double]
    /// Each respondent's category index.
    let groupOf: [Int]
    let groupSizes: [Int]

    /// Checks in R's order: every margin's variable present for every respondent (`na.fail`), then per
    /// margin, respondents' categories known to the population, then every populated category sampled.
    static func resolve(_ margins: [Margin], for respondents: [Respondent]) throws(RakingError) -> [MarginLayout] {
        for margin in margins {
            if let index = respondents.firstIndex(where: { $0.categories[margin.variable] == nil }) {
                throw .missingCategory(respondent: index, variable: margin.variable)
            }
        }
        var layouts: [MarginLayout] = []
        for margin in margins {
            layouts.append(try resolve(margin, for: respondents))
        }
        return layouts
    }

    private static func resolve(_ margin: Margin, for respondents: [Respondent]) throws(RakingError) -> MarginLayout {
        let populated = margin.totals.filter { $0.value.isFinite && $0.value > 0 }
        let categories = populated.keys.sorted()
        var indexOf: [String: Int] = [:]
        for (index, category) in categories.enumerated() { indexOf[category] = index }
        var groupOf: [Int] = []
        groupOf.reserveCapacity(respondents.count)
        var sizes = [Int](repeating: 0, count: categories.count)
        for (position, respondent) in respondents.enumerated() {
            let category = respondent.categories[margin.variable] ?? ""
            guard let index = indexOf[category] else {
                throw .unknownCategory(respondent: position, variable: margin.variable, category: category)
            }
            groupOf.append(index)
            sizes[index] += 1
        }
        if let empty = sizes.firstIndex(of: 0) {
            let category = categories[empty]
            throw .emptyCategory(
                variable: margin.variable, category: category, populationTotal: populated[category] ?? 0)
        }
        return MarginLayout(
            variable: margin.variable, categories: categories, totals: categories.map { populated[$0] ?? 0 },
            groupOf: groupOf, groupSizes: sizes)
    }
}

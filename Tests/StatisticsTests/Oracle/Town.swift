import Foundation
import Statistics

/// A made-up municipality whose respondents over-represent some groups (older people, some wijken), so
/// raking has something to correct, and whose support differs by group, so the correction matters.
enum Town {
    static let wijken = ["Binnenstad", "De Hoven", "Haven", "Noord", "Oost", "Vinkenbuurt", "West", "Zuid"]
    static let ageBands = ["18-34", "35-49", "50-64", "65+"]
    static let genders = ["man", "vrouw"]
    private static let ageShares = [0.29, 0.25, 0.25, 0.21]
    private static let ageResponse = [0.5, 0.8, 1.1, 1.5]
    private static let genderShares = [0.49, 0.51]
    private static let genderResponse = [0.85, 1.15]

    enum Support { case varied, always }

    /// The whole gemeente: margins wijk, age_band, gender.
    static func city(respondents count: Int, seed: UInt64) -> OracleDataSet {
        var random = SplitMix64(seed: seed)
        let wijkTotals = wijken.map { _ in Double(random.integer(in: 4_000...20_000)) }
        let total = wijkTotals.reduce(0, +)
        let wijkResponse = wijken.map { _ in 0.5 + random.unit() }
        let wijkEffect = wijken.map { _ in random.unit() - 0.5 }
        var respondents: [Respondent] = []
        // Every category appears: the first respondents walk through them all.
        for index in 0..<count {
            let wijk = index < wijken.count ? index : random.pick(zip(wijkTotals, wijkResponse).map { $0 * $1 })
            let age = index < ageBands.count ? index : random.pick(zip(ageShares, ageResponse).map { $0 * $1 })
            let gender = index < genders.count ? index : random.pick(zip(genderShares, genderResponse).map { $0 * $1 })
            respondents.append(
                respondent(wijk: wijken[wijk], age: age, gender: gender, effect: wijkEffect[wijk], random: &random))
        }
        let margins = [
            Margin(variable: "wijk", totals: Dictionary(uniqueKeysWithValues: zip(wijken, wijkTotals))),
            margin("age_band", ageBands, ageShares, total: total),
            margin("gender", genders, genderShares, total: total),
        ]
        return OracleDataSet(respondents: respondents, margins: margins)
    }

    /// One wijk or buurt: the wijk is constant, so only age_band and gender are margins.
    static func area(respondents count: Int, seed: UInt64, support: Support = .varied) -> OracleDataSet {
        var random = SplitMix64(seed: seed)
        let total = Double(random.integer(in: 800...6_000))
        var respondents: [Respondent] = []
        for index in 0..<count {
            let age = index < ageBands.count ? index : random.pick(zip(ageShares, ageResponse).map { $0 * $1 })
            let gender = index < genders.count ? index : random.pick(zip(genderShares, genderResponse).map { $0 * $1 })
            var person = respondent(wijk: "Oost", age: age, gender: gender, effect: 0, random: &random)
            if support == .always {
                person.supports = true
                person.opposes = false
            }
            respondents.append(person)
        }
        // Tiny samples must not come out unanimous by chance: the "varied" sets are about the logit interval.
        if support == .varied {
            respondents[0].supports = true
            respondents[0].opposes = false
            respondents[1].supports = false
            respondents[1].opposes = true
        }
        let margins = [
            margin("age_band", ageBands, ageShares, total: total),
            margin("gender", genders, genderShares, total: total),
        ]
        return OracleDataSet(respondents: respondents, margins: margins)
    }

    private static func respondent(
        wijk: String, age: Int, gender: Int, effect: Double, random: inout SplitMix64
    ) -> Respondent {
        let logit = 0.3 + effect + [0.6, 0.2, -0.2, -0.7][age] + (gender == 0 ? -0.15 : 0.15)
        let supports = random.bernoulli(1 / (1 + exp(-logit)))
        let opposes = !supports && random.bernoulli(0.6)
        return Respondent(
            supports: supports, opposes: opposes,
            categories: ["wijk": wijk, "age_band": ageBands[age], "gender": genders[gender]])
    }

    /// Integer totals that add up to exactly `total`, so every margin has the same grand total.
    private static func margin(_ variable: String, _ categories: [String], _ shares: [Double], total: Double) -> Margin {
        var totals = shares.dropLast().map { ($0 * total).rounded() }
        totals.append(total - totals.reduce(0, +))
        return Margin(variable: variable, totals: Dictionary(uniqueKeysWithValues: zip(categories, totals)))
    }
}

import Statistics

/// The generated data sets the R oracle checks, each from its own seed.
enum OracleCase: String, CaseIterable, Sendable, CustomStringConvertible {
    case wholeCity, wholeCityTrimmed, wholeCityTwoSweeps, oneWijk, smallBuurt, tinyN, unanimous, emptyCategory

    var description: String { rawValue }

    var dataSet: OracleDataSet {
        switch self {
        case .wholeCity:
            var set = Town.city(respondents: 600, seed: 1)
            set.domain = "wijk"
            return set
        case .wholeCityTrimmed:
            var set = Town.city(respondents: 600, seed: 2)
            set.trim = (lower: 0.6, upper: 1.6)
            set.domain = "age_band"
            return set
        case .wholeCityTwoSweeps:
            var set = Town.city(respondents: 600, seed: 3)
            set.maxSweeps = 2
            return set
        case .oneWijk:
            var set = Town.area(respondents: 150, seed: 4)
            set.domain = "age_band"
            return set
        case .smallBuurt:
            var set = Town.area(respondents: 40, seed: 5)
            set.domain = "gender"
            return set
        case .tinyN:
            return Town.area(respondents: 8, seed: 6)
        case .unanimous:
            var set = Town.area(respondents: 60, seed: 7, support: .always)
            set.domain = "age_band"
            return set
        case .emptyCategory:
            var set = Town.area(respondents: 40, seed: 8)
            set.respondents = set.respondents.filter { $0.categories["age_band"] != "65+" }
            return set
        }
    }
}

import Statistics
import Storage
import Surveys

/// The answers of residents who were sent a letter, reported apart from the panel's: they are not
/// weighted (nothing is known about them but where they live) and never enter the panel's figures or
/// its verdict. Support is the plain share with a Wilson interval; per wijk and buurt, counts and
/// support of fewer than ten respondents are suppressed like every other breakdown.
public struct LetterResults: Codable, Sendable, Hashable {
    /// Live codes (revoked ones not counted).
    public var issued: Int
    public var responded: Int
    public var responseRate: Double
    public var support: Support?
    public var byArea: [Area]

    enum CodingKeys: String, CodingKey {
        case issued, responded, support
        case responseRate = "response_rate"
        case byArea = "by_area"
    }

    public struct Support: Codable, Sendable, Hashable {
        public var question: String
        public var n: Int
        public var supporters: Int
        public var opponents: Int
        public var supportShare: Double?
        public var ci95: [Double]?
        public var intervalMethod: String?
        public var opposeShare: Double?
        /// Always false: letters are never weighted; said here so nobody has to guess.
        public var weighted: Bool

        enum CodingKeys: String, CodingKey {
            case question, n, supporters, opponents, ci95, weighted
            case supportShare = "support_share"
            case intervalMethod = "interval_method"
            case opposeShare = "oppose_share"
        }
    }

    /// One wijk and buurt the letters went to. Below the minimum only `issued` is shown.
    public struct Area: Codable, Sendable, Hashable {
        public var wijk: String?
        public var buurt: String?
        public var issued: Int
        public var responded: Int?
        public var responseRate: Double?
        public var supportShare: Double?
        public var ci95: [Double]?
        public var suppressed: Bool

        enum CodingKeys: String, CodingKey {
            case wijk, buurt, issued, responded, ci95, suppressed
            case responseRate = "response_rate"
            case supportShare = "support_share"
        }
    }

    /// Builds the block from the stored counts; pure, so the rules are tested without a database.
    init(tally: ResponseRepository.Tally, progress: [LetterRepository.AreaProgress], respondents: [LetterRepository.Respondent],
         question: Question?, minimumCell: Int = 10) {
        issued = tally.invited
        responded = tally.responded
        responseRate = tally.invited > 0 ? Double(tally.responded) / Double(tally.invited) : 0
        let rule = question?.support
        if let question, let rule {
            let counts = tally.valueCounts[question.id] ?? [:]
            let n = tally.answeredCount[question.id] ?? 0
            let supporters = rule.supports.reduce(0) { $0 + (counts[$1] ?? 0) }
            let opponents = rule.opposes.reduce(0) { $0 + (counts[$1] ?? 0) }
            let estimate = Proportion.wilson(successes: supporters, n: n)
            support = Support(
                question: question.id, n: n, supporters: supporters, opponents: opponents, supportShare: estimate?.share,
                ci95: estimate.map { [$0.lower, $0.upper] }, intervalMethod: estimate?.method,
                opposeShare: n > 0 ? Double(opponents) / Double(n) : nil, weighted: false)
        }
        let byPlace = Dictionary(grouping: respondents) { AreaKey(wijk: $0.wijk, buurt: $0.buurt) }
        byArea = progress.map { area in
            let key = AreaKey(wijk: area.wijk, buurt: area.buurt)
            guard area.responded >= minimumCell else {
                return Area(wijk: area.wijk, buurt: area.buurt, issued: area.issued, suppressed: true)
            }
            let people = byPlace[key] ?? []
            let supporters = people.filter { person in person.values.contains { rule?.supports.contains($0) ?? false } }.count
            // The support share needs ten answers to the support question too, not just ten responses.
            let estimate = people.count >= minimumCell ? Proportion.wilson(successes: supporters, n: people.count) : nil
            return Area(
                wijk: area.wijk, buurt: area.buurt, issued: area.issued, responded: area.responded,
                responseRate: area.issued > 0 ? Double(area.responded) / Double(area.issued) : nil,
                supportShare: estimate?.share, ci95: estimate.map { [$0.lower, $0.upper] }, suppressed: false)
        }
    }

    private struct AreaKey: Hashable {
        let wijk: String?
        let buurt: String?
    }

    /// The letters block of a survey, or nil when no letter was ever issued for it.
    static func current(_ context: AppContext, definition: SurveyDefinition) async throws -> LetterResults? {
        let database = context.database
        guard try await database.letters.addressCount(surveyID: definition.id) > 0 else { return nil }
        let question = definition.supportQuestion
        return LetterResults(
            tally: try await database.responses.tally(surveyID: definition.id, channel: .letter),
            progress: try await database.letters.progress(surveyID: definition.id),
            respondents: question == nil ? [] : try await database.letters.respondents(surveyID: definition.id, questionID: question!.id),
            question: question)
    }
}

extension LetterResults.Area {
    init(wijk: String?, buurt: String?, issued: Int, suppressed: Bool) {
        self.init(wijk: wijk, buurt: buurt, issued: issued, responded: nil, responseRate: nil, supportShare: nil, ci95: nil,
                  suppressed: suppressed)
    }
}

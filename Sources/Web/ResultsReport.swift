import Foundation
import Initiatives
import Statistics
import Storage
import Surveys

/// A survey's results in the shape of SPEC §5, the same for the JSON API and `draagvlak report`.
/// Every figure is the panel's; answers given by letter are only in ``letters``.
public struct ResultsReport: Codable, Sendable, Hashable {
    public var survey: String
    public var title: String
    public var kind: String
    public var invited: Int
    public var responded: Int
    public var responseRate: Double
    public var draagvlak: Draagvlak?
    public var questions: [String: QuestionResult]
    /// Invited, delivered and responded per wijk.
    public var responseByWijk: [String: WijkResponse]?
    /// Residents outside the panel who answered by letter, apart from everything above; absent when
    /// no letter was issued.
    public var letters: LetterResults?

    enum CodingKeys: String, CodingKey {
        case survey, title, kind, invited, responded, draagvlak, questions, letters
        case responseRate = "response_rate"
        case responseByWijk = "response_by_wijk"
    }

    public struct WijkResponse: Codable, Sendable, Hashable {
        public var invited: Int
        public var delivered: Int
        public var responded: Int
        public var responseRate: Double

        enum CodingKeys: String, CodingKey {
            case invited, delivered, responded
            case responseRate = "response_rate"
        }
    }

    /// Adds the response per wijk.
    public func withProgress(_ progress: [String: ResponseRepository.Progress]) -> ResultsReport {
        var report = self
        report.responseByWijk = progress.mapValues {
            WijkResponse(invited: $0.invited, delivered: $0.delivered, responded: $0.responded,
                         responseRate: $0.invited > 0 ? Double($0.responded) / Double($0.invited) : 0)
        }
        return report
    }

    public struct QuestionResult: Codable, Sendable, Hashable {
        public var type: String
        public var n: Int
        /// Respondents per stored value; absent for text, whose answers are not counted but read.
        public var counts: [String: Int]?
    }

    public struct Draagvlak: Codable, Sendable, Hashable {
        public var question: String
        public var n: Int
        public var supporters: Int
        public var opponents: Int
        public var supportShareUnweighted: Double?
        public var ci95Unweighted: [Double]?
        /// The headline share: weighted once population weighting applies, unweighted until then.
        public var supportShare: Double?
        public var ci95: [Double]?
        public var intervalMethod: String?
        public var opposeShare: Double?
        public var se: Double?
        public var nEff: Double?
        public var deff: Double?
        public var weighted: Bool
        public var weighting: Weighting
        public var threshold: Double
        public var minN: Int
        public var verdict: Verdict
        /// Support per wijk, age band and gender; cells under the minimum are suppressed.
        public var breakdowns: [String: [String: Cell]]?

        enum CodingKeys: String, CodingKey {
            case question, n, supporters, opponents, weighted, weighting, threshold, verdict
            case supportShareUnweighted = "support_share_unweighted"
            case ci95Unweighted = "ci95_unweighted"
            case supportShare = "support_share"
            case ci95
            case intervalMethod = "interval_method"
            case opposeShare = "oppose_share"
            case minN = "min_n"
            case se, deff, breakdowns
            case nEff = "n_eff"
        }
    }

    public struct Weighting: Codable, Sendable, Hashable {
        public var applied: Bool
        public var reason: String?
        public var scope: String?
        public var variables: [String]?
        public var iterations: Int?
        public var converged: Bool?
        /// Variables that could not be weighted by, and why.
        public var leftOut: [String]?

        enum CodingKeys: String, CodingKey {
            case applied, reason, scope, variables, iterations, converged
            case leftOut = "left_out"
        }
    }

    /// One cell of a breakdown: its support, or only that it has too few respondents to show.
    public struct Cell: Codable, Sendable, Hashable {
        public var n: Int?
        public var supportShare: Double?
        public var ci95: [Double]?
        public var suppressed: Bool

        init(n: Int, minimum: Int, share: Double, ci95: [Double]) {
            if n < minimum {
                self.n = nil
                self.supportShare = nil
                self.ci95 = nil
                self.suppressed = true
            } else {
                self.n = n
                self.supportShare = share
                self.ci95 = ci95
                self.suppressed = false
            }
        }

        enum CodingKeys: String, CodingKey {
            case n, ci95, suppressed
            case supportShare = "support_share"
        }
    }

    public enum Verdict: String, Codable, Sendable, Hashable {
        case voldoende, onvoldoende, onbeslist
        case teWeinigRespons = "te_weinig_respons"
    }

    /// Builds the report from a definition and the stored counts. The verdict rule is the survey's own
    /// (`verdict:` in its file) unless given, else SPEC §5's default of 0.5 and at least 30 respondents.
    public init(definition: SurveyDefinition, tally: ResponseRepository.Tally, threshold: Double? = nil, minN: Int? = nil) {
        let threshold = threshold ?? definition.verdict?.threshold ?? 0.5
        let minN = minN ?? definition.verdict?.minN ?? 30
        survey = definition.id
        title = definition.title.nl
        kind = definition.kind.rawValue
        invited = tally.invited
        responded = tally.responded
        responseRate = tally.invited > 0 ? Double(tally.responded) / Double(tally.invited) : 0
        var questions: [String: QuestionResult] = [:]
        for question in definition.questions {
            let stored = tally.valueCounts[question.id] ?? [:]
            let counts = question.type.allowedValues.map { values in
                Dictionary(uniqueKeysWithValues: values.map { ($0, stored[$0] ?? 0) })
            }
            questions[question.id] = QuestionResult(type: question.type.name, n: tally.answeredCount[question.id] ?? 0, counts: counts)
        }
        self.questions = questions
        draagvlak = definition.supportQuestion.map { question in
            Self.draagvlak(question: question, tally: tally, threshold: threshold, minN: minN)
        }
    }

    static func draagvlak(question: Question, tally: ResponseRepository.Tally, threshold: Double, minN: Int) -> Draagvlak {
        let rule = question.support!
        let counts = tally.valueCounts[question.id] ?? [:]
        let n = tally.answeredCount[question.id] ?? 0
        let supporters = rule.supports.reduce(0) { $0 + (counts[$1] ?? 0) }
        let opponents = rule.opposes.reduce(0) { $0 + (counts[$1] ?? 0) }
        let estimate = Proportion.wilson(successes: supporters, n: n)
        let verdict: Verdict =
            if n < minN || estimate == nil { .teWeinigRespons }
            else if estimate!.lower >= threshold { .voldoende }
            else if estimate!.upper < threshold { .onvoldoende }
            else { .onbeslist }
        return Draagvlak(
            question: question.id, n: n, supporters: supporters, opponents: opponents,
            supportShareUnweighted: estimate?.share, ci95Unweighted: estimate.map { [$0.lower, $0.upper] },
            supportShare: estimate?.share, ci95: estimate.map { [$0.lower, $0.upper] }, intervalMethod: estimate?.method,
            opposeShare: n > 0 ? Double(opponents) / Double(n) : nil, weighted: false,
            weighting: Weighting(applied: false, reason: "unweighted"),
            threshold: threshold, minN: minN, verdict: verdict)
    }

    /// The report of a survey as it stands, for the API and `draagvlak report` alike; nil for an unknown survey.
    public static func current(_ context: AppContext, surveyID: String) async throws -> ResultsReport? {
        try await cached(context, surveyID: surveyID)?.report
    }

    /// ``current(_:surveyID:)`` as the API's JSON.
    public static func currentJSON(_ context: AppContext, surveyID: String) async throws -> [UInt8]? {
        try await cached(context, surveyID: surveyID)?.json
    }

    /// The report computed afresh, past the cache: for measuring the computation itself.
    public static func uncached(_ context: AppContext, surveyID: String) async throws -> ResultsReport? {
        guard let survey = try await context.survey(surveyID) else { return nil }
        return try await computed(context, survey: survey)
    }

    private static func cached(_ context: AppContext, surveyID: String) async throws -> ResultsCache.Entry? {
        guard let survey = try await context.survey(surveyID) else { return nil }
        // The version is read before computing: a commit during the computation makes the entry stale
        // at once rather than letting it pass for the newer state.
        let version = try context.database.dataVersion.current()
        return try await context.results.entry(surveyID: surveyID, surveyHash: survey.hash, dataVersion: version) {
            try await computed(context, survey: survey)
        }
    }

    private static func computed(_ context: AppContext, survey: SurveyCatalog.Entry) async throws -> ResultsReport {
        let surveyID = survey.definition.id
        let database = context.database
        // A buurttoetsing is judged by the mandate rules of its initiative, which take precedence over the file.
        let route = try await context.initiative(ofSurvey: survey.definition)?.route
        var report = ResultsReport(
            definition: survey.definition, tally: try await database.responses.tally(surveyID: surveyID),
            threshold: route?.threshold, minN: route?.minN)
            .withProgress(try await database.responses.progressByWijk(surveyID: surveyID))
        if let question = survey.definition.supportQuestion {
            let respondents = try await database.responses.respondents(surveyID: surveyID, questionID: question.id)
            report = report.weighted(respondents: respondents, definition: survey.definition, population: context.population)
        }
        report.letters = try await LetterResults.current(context, definition: survey.definition)
        return report
    }

    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try! encoder.encode(self))
    }
}

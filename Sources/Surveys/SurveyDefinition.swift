import Foundation

public enum SurveyKind: String, Codable, Hashable, Sendable, CaseIterable {
    case poll, enquete, buurttoetsing
}

/// The rung of the participatieladder a survey offers residents (seed 002, §5.1).
public enum ParticipationRung: String, Codable, Hashable, Sendable, CaseIterable {
    case informeren, raadplegen, adviseren, coproduceren, meebeslissen
    case zelfOrganiseren = "zelf_organiseren"

}

/// Who a survey is meant for by default; invitations may narrow or widen it.
public struct Audience: Codable, Hashable, Sendable {
    public var wijken: [String]
    public var buurten: [String]

    public init(wijken: [String] = [], buurten: [String] = []) {
        self.wijken = wijken
        self.buurten = buurten
    }

    public var isEveryone: Bool { wijken.isEmpty && buurten.isEmpty }
}

/// How this survey's draagvlak is called: support is `voldoende` when the interval's lower end
/// reaches `threshold` with at least `minN` respondents. An initiative's mandate rules take precedence.
public struct VerdictRule: Codable, Hashable, Sendable {
    public var threshold: Double?
    public var minN: Int?

    public init(threshold: Double? = nil, minN: Int? = nil) {
        self.threshold = threshold
        self.minN = minN
    }
}

/// Which variables to weigh by (in raking order) and optional trimming of the weights, as factors
/// of the mean weight.
public struct WeightingRule: Codable, Hashable, Sendable {
    public var variables: [String]?
    public var trimLower: Double?
    public var trimUpper: Double?

    public init(variables: [String]? = nil, trimLower: Double? = nil, trimUpper: Double? = nil) {
        self.variables = variables
        self.trimLower = trimLower
        self.trimUpper = trimUpper
    }
}

/// A page of a multi-page survey: an optional title and intro, and the ids of its questions.
public struct Page: Codable, Hashable, Sendable {
    public var title: LocalizedText?
    public var intro: LocalizedText?
    public var questionIDs: [String]

    public init(title: LocalizedText? = nil, intro: LocalizedText? = nil, questionIDs: [String]) {
        self.title = title
        self.intro = intro
        self.questionIDs = questionIDs
    }
}

/// A complete survey as staff wrote it in `surveys/ID.yaml`.
public struct SurveyDefinition: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var kind: SurveyKind
    public var title: LocalizedText
    public var intro: LocalizedText?
    public var participation: ParticipationRung?
    public var feedback: LocalizedText?
    public var initiative: String?
    public var audience: Audience?
    public var opens: LocalDateTime?
    public var closes: LocalDateTime?
    /// Every question in order, across pages.
    public var questions: [Question]
    /// The pages the questions are shown on, in order; one untitled page holding every question
    /// when the file has no `pages`.
    public var pages: [Page]
    /// The languages every respondent-facing text must be given in; Dutch always.
    public var languages: [Language]
    public var verdict: VerdictRule?
    public var weighting: WeightingRule?
    /// `repeat:` in the file: this survey is the first of a series of waves.
    public var repeatRule: RepeatRule?
    /// Set on each wave of a series (from `repeat`, or `series:` in the file).
    public var wave: WaveLink?

    public init(
        id: String, kind: SurveyKind, title: LocalizedText, intro: LocalizedText? = nil,
        participation: ParticipationRung? = nil, feedback: LocalizedText? = nil, initiative: String? = nil,
        audience: Audience? = nil, opens: LocalDateTime? = nil, closes: LocalDateTime? = nil,
        questions: [Question], pages: [Page]? = nil, languages: [Language] = [.nl], verdict: VerdictRule? = nil,
        weighting: WeightingRule? = nil
    ) {
        self.verdict = verdict
        self.weighting = weighting
        self.id = id
        self.kind = kind
        self.title = title
        self.intro = intro
        self.participation = participation
        self.feedback = feedback
        self.initiative = initiative
        self.audience = audience
        self.opens = opens
        self.closes = closes
        self.questions = questions
        self.pages = pages ?? [Page(questionIDs: questions.map(\.id))]
        self.languages = languages
    }

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }

    /// The question that measures draagvlak, if the survey has one.
    public var supportQuestion: Question? { questions.first { $0.support != nil } }

    /// Whether answers are accepted at `instant`: after `opens` (if set) and before `closes` (if set).
    public func isOpen(at instant: Date) -> Bool { window.contains(instant) }

    /// When answers are taken, as instants; worked out from the local dates and times in the file.
    public var window: OpeningWindow { OpeningWindow(opensAt: opens?.startInstant, closesAt: closes?.endInstant) }

    /// The definition in a canonical byte form (sorted keys, no whitespace), the input of its version
    /// hash: the same survey always gives the same bytes, whatever the file's layout or comments.
    public func canonicalJSON() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types into JSON cannot fail.
        return Array(try! encoder.encode(self))
    }
}

/// One answer option of a `single` (or later `multi`) question. The code is what is stored, so the
/// text may be reworded without changing the meaning of answers already given.
public struct Option: Codable, Hashable, Sendable {
    public var code: String
    public var text: LocalizedText

    public init(code: String, text: LocalizedText) {
        self.code = code
        self.text = text
    }
}

public struct Scale: Codable, Hashable, Sendable {
    public var min: Int
    public var max: Int
    /// Labels for some of the points (e.g. the two ends and the middle), in ascending point order.
    /// An array, not a dictionary, so the canonical JSON (and so the version hash) is deterministic.
    public var labels: [Label]

    public struct Label: Codable, Hashable, Sendable {
        public var point: Int
        public var text: LocalizedText
        public init(point: Int, text: LocalizedText) {
            self.point = point
            self.text = text
        }
    }

    public init(min: Int, max: Int, labels: [Int: LocalizedText] = [:]) {
        self.min = min
        self.max = max
        self.labels = labels.sorted { $0.key < $1.key }.map { Label(point: $0.key, text: $0.value) }
    }

    public var points: ClosedRange<Int> { min...max }

    public func label(for point: Int) -> LocalizedText? { labels.first { $0.point == point }?.text }
}

/// Bounds of a `number` question. Stored answers are decimal text with a `.` separator.
public struct NumberRule: Codable, Hashable, Sendable {
    public var min: Double?
    public var max: Double?
    /// Whole numbers only.
    public var integer: Bool

    public init(min: Double? = nil, max: Double? = nil, integer: Bool = false) {
        self.min = min
        self.max = max
        self.integer = integer
    }
}

/// Bounds of a `date` question. Stored answers are `YYYY-MM-DD`.
public struct DateRule: Codable, Hashable, Sendable {
    public var min: String?
    public var max: String?

    public init(min: String? = nil, max: String? = nil) {
        self.min = min
        self.max = max
    }
}

/// What kind of answer a question takes, with the settings of that kind.
public enum QuestionType: Codable, Hashable, Sendable {
    case single(options: [Option])
    /// Any number of options, between `min` and `max` selections when set.
    case multi(options: [Option], min: Int?, max: Int?)
    case scale(Scale)
    case yesno
    case number(NumberRule)
    case text(maxLength: Int, multiline: Bool)
    case date(DateRule)

    /// The name used in survey files.
    public var name: String {
        switch self {
        case .single: "single"
        case .multi: "multi"
        case .scale: "scale"
        case .yesno: "yesno"
        case .number: "number"
        case .text: "text"
        case .date: "date"
        }
    }

    /// The stored values an answer may take, or nil when any (bounded) value of the type is allowed.
    public var allowedValues: [String]? {
        switch self {
        case .single(let options), .multi(let options, _, _): options.map(\.code)
        case .scale(let scale): scale.points.map(String.init)
        case .yesno: YesNo.allCases.map(\.rawValue)
        case .number, .text, .date: nil
        }
    }

    /// Whether answers can be counted per value (and so carry a `support` marker).
    public var isCategorical: Bool { allowedValues != nil }
}

public enum YesNo: String, CaseIterable, Sendable {
    case ja, nee

    public var label: LocalizedText {
        switch self {
        case .ja: LocalizedText(nl: "Ja", en: "Yes")
        case .nee: LocalizedText(nl: "Nee", en: "No")
        }
    }
}

/// Marks the question that measures draagvlak: which stored answers count as support, which as
/// opposition; everything else (neutral, don't know) counts as neither.
public struct SupportRule: Codable, Hashable, Sendable {
    public var supports: [String]
    public var opposes: [String]

    public init(supports: [String], opposes: [String] = []) {
        self.supports = supports
        self.opposes = opposes
    }
}

public struct Question: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var text: LocalizedText
    public var help: LocalizedText?
    public var type: QuestionType
    public var required: Bool
    public var support: SupportRule?
    /// Shown only when this holds over earlier answers; a hidden question is never required and
    /// never stored.
    public var showIf: Condition?

    public init(
        id: String, text: LocalizedText, help: LocalizedText? = nil, type: QuestionType,
        required: Bool = false, support: SupportRule? = nil, showIf: Condition? = nil
    ) {
        self.id = id
        self.text = text
        self.help = help
        self.type = type
        self.required = required
        self.support = support
        self.showIf = showIf
    }
}

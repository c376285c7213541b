/// The question types of the survey file format (SPEC §3).
enum QuestionTypeName: String, CaseIterable {
    case single, multi, scale, yesno, number, text, date

    /// The keys only this type takes.
    var keys: [String] {
        switch self {
        case .single: ["options"]
        case .multi: ["options", "min", "max"]
        case .scale: ["scale"]
        case .yesno: []
        case .number: ["min", "max", "integer"]
        case .text: ["max_length", "multiline"]
        case .date: ["min", "max"]
        }
    }

    /// Whether answers can be counted per value, which a `support` marker needs.
    var isCategorical: Bool {
        switch self {
        case .single, .multi, .scale, .yesno: true
        case .number, .text, .date: false
        }
    }
}

enum QuestionKeys {
    static let common = ["id", "type", "text", "help", "required", "support", "show_if"]

    /// Keys that belong to some types only; a question of another type hears "does not apply"
    /// rather than "unknown", which would send staff looking for a typo.
    static let typeSpecific = ["options", "scale", "max_length", "multiline", "min", "max", "integer"]

    static let all = common + typeSpecific
}

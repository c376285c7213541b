/// The question types survey files can use now. `multi`, `number` and `date` are in the format
/// but not built yet; they are named so staff get "not supported yet" instead of "unknown".
enum QuestionTypeName: String, CaseIterable {
    case single, scale, yesno, text

    static let upcoming = ["multi", "number", "date"]

    /// The keys only this type takes.
    var keys: [String] {
        switch self {
        case .single: ["options"]
        case .scale: ["scale"]
        case .yesno: []
        case .text: ["max_length", "multiline"]
        }
    }
}

enum QuestionKeys {
    static let common = ["id", "type", "text", "help", "required", "support", "show_if"]

    /// Keys that belong to one type each. `min`, `max` and `integer` belong to the upcoming
    /// `multi` and `number` types, so a question using them hears "does not apply", not "unknown".
    static let typeSpecific = ["options", "scale", "max_length", "multiline", "min", "max", "integer"]

    static let all = common + typeSpecific
}

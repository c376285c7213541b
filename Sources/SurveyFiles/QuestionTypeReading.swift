import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// The type with its settings, after rejecting keys that belong to other types.
    mutating func settings(of name: QuestionTypeName, in fields: Fields, label: String) -> QuestionType? {
        for key in QuestionKeys.typeSpecific where !name.keys.contains(key) {
            if let keyNode = fields.key(key) {
                log.report("'\(key)' does not apply to a \(name.rawValue) question", at: keyNode)
            }
        }
        switch name {
        case .single:
            return require("options", in: fields, owner: label)
                .flatMap { options($0, label: label, typeName: name) }
                .map { QuestionType.single(options: $0) }
        case .multi:
            return multiSettings(in: fields, label: label)
        case .scale:
            return require("scale", in: fields, owner: label)
                .flatMap { scale($0, label: label) }
                .map { QuestionType.scale($0) }
        case .yesno:
            return .yesno
        case .number:
            return numberSettings(in: fields).map { QuestionType.number($0) }
        case .text:
            return textSettings(in: fields)
        case .date:
            return dateSettings(in: fields).map { QuestionType.date($0) }
        }
    }

    private mutating func textSettings(in fields: Fields) -> QuestionType? {
        let limits = 1...10_000
        var maxLength: Int? = 2000
        if let node = fields.value("max_length") {
            let what = "a whole number from \(limits.lowerBound) to \(limits.upperBound) for 'max_length'"
            maxLength = integer(node, expecting: what)
            if let value = maxLength, !limits.contains(value) {
                log.report("expected \(what), found \(value)", at: node)
                maxLength = nil
            }
        }
        var multiline: Bool?
        if let node = fields.value("multiline") {
            guard let value = boolean(node, name: "multiline") else { return nil }
            multiline = value
        }
        guard let maxLength else { return nil }
        // Short answers get a single line so the form does not suggest an essay is wanted.
        return .text(maxLength: maxLength, multiline: multiline ?? (maxLength > 200))
    }
}

import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// The draagvlak marker of one question. `type` is nil when the question's type itself is
    /// wrong; the values are then only checked for shape.
    mutating func supportRule(
        in fields: Fields, typeName: QuestionTypeName?, type: QuestionType?, label: String,
        registry: inout QuestionRegistry
    ) -> SupportRule? {
        guard let key = fields.key("support"), let node = fields.value("support") else { return nil }
        if let typeName, !typeName.isCategorical {
            log.report("a support marker needs answers that can be counted: single, multi, scale or yesno", at: key)
            return nil
        }
        // One support question per survey, so "the draagvlak of this survey" has one meaning.
        if let owner = registry.supportOwner {
            log.report(
                "only one question per survey may measure support, and \(owner.label) on line \(owner.line) already does",
                at: key)
        } else {
            registry.supportOwner = (label, key.mark?.line ?? 0)
        }
        let place = "the support rule of \(label)"
        let expected = "a mapping {supports: […], opposes: […]} for 'support'"
        guard let rule = self.fields(of: node, expecting: expected) else { return nil }
        rejectUnknownKeys(in: rule, known: ["supports", "opposes"], place: "in \(place)")
        let supportsNode = require("supports", in: rule, owner: place)
        let supports = supportsNode.flatMap { answerValues($0, key: "supports", type: type, label: label) }
        let opposes = rule.value("opposes").flatMap { answerValues($0, key: "opposes", type: type, label: label) }
        if case .sequence(let listed)? = supportsNode, listed.isEmpty, let supportsNode {
            log.report("'supports' must list at least one answer value", at: supportsNode)
        }
        let supported = Set((supports ?? []).map(\.value))
        for (value, node) in opposes ?? [] where supported.contains(value) {
            log.report("'\(value)' is listed in both 'supports' and 'opposes'", at: node)
        }
        guard let supports else { return nil }
        return SupportRule(supports: supports.map(\.value), opposes: (opposes ?? []).map(\.value))
    }

    private mutating func answerValues(
        _ node: Node, key: String, type: QuestionType?, label: String
    ) -> [(value: String, node: Node)]? {
        guard let items = list(node, expecting: "a list of answer values for '\(key)'") else { return nil }
        var values: [(value: String, node: Node)] = []
        for item in items {
            guard let raw = string(item, expecting: "an answer value"),
                let value = storedValue(raw, of: type, at: item, label: label)
            else { continue }
            if values.contains(where: { $0.value == value }) {
                log.report("'\(raw)' is listed twice in '\(key)'", at: item)
                continue
            }
            values.append((value, item))
        }
        return values
    }

    /// The answer as it is stored: a scale point in decimal, an option code, or ja/nee.
    private mutating func storedValue(_ raw: String, of type: QuestionType?, at node: Node, label: String) -> String? {
        guard let type, let allowed = type.allowedValues else { return raw }
        var value = raw
        if case .scale = type, let point = Int(raw) { value = String(point) }
        guard allowed.contains(value) else {
            log.report("'\(raw)' is not an answer to \(label) (expected \(Self.expectedAnswers(of: type)))", at: node)
            return nil
        }
        return value
    }

    private static func expectedAnswers(of type: QuestionType) -> String {
        switch type {
        case .scale(let scale): "a whole number from \(scale.min) to \(scale.max)"
        case .single(let options), .multi(let options, _, _): "one of the option codes \(options.map(\.code).joinedAsAlternatives)"
        case .yesno: YesNo.allCases.map(\.rawValue).joinedAsAlternatives
        case .text, .number, .date: "no stored value"
        }
    }
}

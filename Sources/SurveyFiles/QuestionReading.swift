import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    mutating func readQuestion(_ node: Node, number: Int, registry: inout QuestionRegistry) -> Question? {
        guard let fields = fields(of: node, expecting: "a question (a mapping with 'id', 'type' and 'text')") else {
            registry.entries.append(RegisteredQuestion(id: nil, label: "question \(number)", line: node.line, type: nil))
            return nil
        }
        let id = fields.value("id").flatMap { questionID($0, registry: &registry) }
        // Named by id when it has a usable one, so messages stay readable after reordering.
        let label = id.map { "question '\($0)'" } ?? "question \(number)"
        rejectUnknownKeys(in: fields, known: QuestionKeys.all, place: "in \(label)")
        if !fields.has("id") { log.report("\(label) has no 'id'", at: node) }
        let typeName = require("type", in: fields, owner: label).flatMap { questionTypeName($0) }
        let text = require("text", in: fields, owner: label).flatMap { localizedText($0, name: "the text of \(label)") }
        let help = fields.value("help").flatMap { localizedText($0, name: "the help of \(label)") }
        var required = false
        if let node = fields.value("required") { required = boolean(node, name: "required") ?? false }
        let type = typeName.flatMap { settings(of: $0, in: fields, label: label) }
        let support = supportRule(in: fields, typeName: typeName, type: type, label: label, registry: &registry)
        let line = fields.value("id")?.line ?? node.line
        registry.entries.append(RegisteredQuestion(id: id, label: label, line: line, type: type))
        let showIf = fields.value("show_if").flatMap { condition($0) }
        if let showIf, let showIfNode = fields.value("show_if") {
            registry.conditions.append(
                PendingCondition(owner: registry.entries.count - 1, node: showIfNode, condition: showIf))
        }

        guard let id, let text, let type else { return nil }
        return Question(
            id: id, text: text, help: help, type: type, required: required, support: support, showIf: showIf)
    }

    /// The id even when it repeats an earlier one, so later messages can still name the question.
    private mutating func questionID(_ node: Node, registry: inout QuestionRegistry) -> String? {
        guard let text = string(node, expecting: "a question id for 'id'") else { return nil }
        guard text.count <= Slug.maxQuestionIDLength else {
            log.report(
                "question id '\(text)' is \(text.count) characters long; at most \(Slug.maxQuestionIDLength) are allowed",
                at: node)
            return nil
        }
        guard Slug.isQuestionID(text) else {
            log.report(
                "question id '\(text)' must start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'",
                at: node)
            return nil
        }
        if let line = registry.idLines[text] {
            log.report("question id '\(text)' is already used on line \(line)", at: node)
        } else {
            registry.idLines[text] = node.line
        }
        return text
    }

    private mutating func questionTypeName(_ node: Node) -> QuestionTypeName? {
        let names = QuestionTypeName.allCases.map(\.rawValue).joinedAsAlternatives
        return choice(node, of: QuestionTypeName.self, name: "question type", expecting: "a question type (\(names)) for 'type'")
    }
}

extension Node {
    /// The 1-based line the node starts on, or 0 when unknown.
    var line: Int { mark?.line ?? 0 }
}

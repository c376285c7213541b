import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    /// Checks every parsed `show_if` against the whole survey: a condition may only use answers
    /// given before its question, and only values those questions can have. Reported at the
    /// `show_if` value, the thing to fix.
    mutating func checkConditions(_ registry: QuestionRegistry) {
        for pending in registry.conditions {
            let owner = registry.entries[pending.owner]
            var usable: [String: QuestionType] = [:]
            var seen: Set<String> = []
            for id in pending.condition.expression.questionIDs where seen.insert(id).inserted {
                if let type = reference(id, from: pending, owner: owner, registry: registry) { usable[id] = type }
            }
            checkValues(pending.condition.expression, types: usable, at: pending.node)
        }
    }

    /// The type of the question `id` when the condition may use it and its type is known.
    private mutating func reference(
        _ id: String, from pending: PendingCondition, owner: RegisteredQuestion, registry: QuestionRegistry
    ) -> QuestionType? {
        guard let (index, target) = registry.entry(id) else {
            let earlier = registry.entries.prefix(pending.owner).compactMap(\.id)
            let hint = KeySuggestion.hint(for: id, among: earlier)
            log.report("show_if refers to unknown question '\(id)'\(hint)", at: pending.node)
            return nil
        }
        if index == pending.owner || id == owner.id {
            log.report(
                "show_if of \(owner.label) refers to the question itself; a condition can only use earlier answers",
                at: pending.node)
            return nil
        }
        if index > pending.owner {
            log.report(
                "show_if refers to question '\(id)', which comes later (line \(target.line)); a condition can only use earlier answers",
                at: pending.node)
            return nil
        }
        return target.type
    }
}

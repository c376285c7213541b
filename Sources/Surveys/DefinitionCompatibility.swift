/// Whether a new version of a survey keeps the meaning of answers stored under the old one.
///
/// Answers are stored as codes, points and text, not as wording, so rewording is always safe. What
/// is not safe is a change after which a stored value means something else or nothing: a question
/// or option that is gone, a different type, a different scale (a 4 on 1–5 is not a 4 on 1–7), or
/// a `number` that now must be whole while stored answers may have decimals.
///
/// Deliberately allowed: wording, labels and help; added questions and options; `required`,
/// `show_if`, `support` and pages; order; `multi` selection limits, `number` and `date` bounds and
/// `text` length limits (they govern new answers; stored ones keep their meaning).
public enum DefinitionCompatibility {
    /// One English sentence per problem, naming the question, for staff; empty when `new` may
    /// replace `old` although responses exist.
    public static func problems(from old: SurveyDefinition, to new: SurveyDefinition) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for question in old.questions where seen.insert(question.id).inserted {
            guard let replacement = new.question(question.id) else {
                problems.append("question '\(question.id)' was removed, but stored answers refer to it")
                continue
            }
            problems += self.problems(question.id, from: question.type, to: replacement.type)
        }
        return problems
    }

    private static func problems(_ id: String, from old: QuestionType, to new: QuestionType) -> [String] {
        switch (old, new) {
        case (.single(let before), .single(let after)), (.multi(let before, _, _), .multi(let after, _, _)):
            let kept = Set(after.map(\.code))
            var reported: Set<String> = []
            return before.map(\.code).filter { !kept.contains($0) && reported.insert($0).inserted }.map {
                "option '\($0)' of question '\(id)' was removed"
            }
        case (.scale(let before), .scale(let after)):
            guard before.min != after.min || before.max != after.max else { return [] }
            return ["the scale of question '\(id)' changed from \(before.min)–\(before.max) to \(after.min)–\(after.max)"]
        case (.number(let before), .number(let after)):
            guard !before.integer, after.integer else { return [] }
            return ["question '\(id)' now takes whole numbers only, but stored answers may have decimals"]
        case (.yesno, .yesno), (.text, .text), (.date, .date):
            return []
        default:
            return ["question '\(id)' changed from \(old.name) to \(new.name)"]
        }
    }
}

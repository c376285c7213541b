import Foundation

/// Checks posted form fields against a survey definition and turns them into ``Answers``.
///
/// Every checked question is checked, so the respondent sees all problems at once. Fields that are
/// not questions of the survey are ignored, and so are answers to hidden questions: neither can
/// reach storage.
public struct AnswerValidator: Sendable {
    public let definition: SurveyDefinition

    public init(definition: SurveyDefinition) { self.definition = definition }

    public enum Outcome: Sendable {
        /// The answers to store (or, for one page, that page's answers).
        case valid(Answers)
        /// The errors in question order, and what the respondent entered for every question, on
        /// every page, so the form can show it all again.
        case invalid([AnswerError], entered: Answers)
    }

    /// Checks every question; `.valid` holds the answers of all visible questions, ready to store.
    public func validate(_ fields: FormFields) -> Outcome { validate(fields, page: nil) }

    /// Checks the questions of `definition.pages[page]`, or every question when `page` is nil.
    ///
    /// Which questions are visible is decided from all `fields`, because the answers of earlier
    /// pages arrive with each page as hidden fields. Conditions see what was entered for visible
    /// questions (normalised, so `2,5` counts as 2.5), also when it is refused: that is what the
    /// respondent sees in the form and what the page's script decides on, so every error, including
    /// "required" on a question the entry made appear, is reported at once.
    ///
    /// `.valid` holds the answers of the checked visible questions, or of all visible questions when
    /// `page` is nil, so the final submit returns everything to store. A page number that does not
    /// exist checks nothing.
    public func validate(_ fields: FormFields, page: Int?) -> Outcome {
        let checked: Set<String>? = page.map { page in
            definition.pages.indices.contains(page) ? Set(definition.pages[page].questionIDs) : []
        }
        let types = definition.questionTypes
        var accepted: [String: [String]] = [:]
        var entered: [String: [String]] = [:]
        var errors: [AnswerError] = []
        var visible: Set<String> = []
        var seen: Set<String> = []
        // A repeated id (which the loader refuses) is checked once, as its first question.
        for question in definition.questions where seen.insert(question.id).inserted {
            let given = Self.normalise(fields[question.id] ?? [])
            let check = AnswerCheck(given, for: question.type)
            if !check.entered.isEmpty { entered[question.id] = check.entered }

            if let condition = question.showIf,
                !condition.expression.evaluate(types: types, answer: { visible.contains($0) ? entered[$0] : nil })
            {
                continue
            }
            visible.insert(question.id)
            let isChecked = checked?.contains(question.id) ?? true
            switch check {
            case .empty where question.required:
                if isChecked { errors.append(AnswerError(questionID: question.id, message: AnswerMessages.required)) }
            case .empty:
                break
            case .accepted(let values):
                accepted[question.id] = values
            case .refused(let message, _):
                if isChecked { errors.append(AnswerError(questionID: question.id, message: message)) }
            }
        }
        guard errors.isEmpty else { return .invalid(errors, entered: Answers(entered)) }
        guard let checked else { return .valid(Answers(accepted)) }
        return .valid(Answers(accepted.filter { checked.contains($0.key) }))
    }

    /// Line endings made uniform, surrounding white space dropped (so "  " counts as no answer),
    /// empty values dropped and repeats removed, in the order given.
    static func normalise(_ raw: [String]) -> [String] {
        var seen: Set<String> = []
        return raw.map(normalise).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func normalise(_ raw: String) -> String {
        raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

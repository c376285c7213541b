import Foundation

/// Checks posted form fields against a survey definition and turns them into ``Answers``.
///
/// Every question is checked, so the respondent sees all problems at once. Fields that are not
/// questions of the survey are ignored; they cannot reach storage.
public struct AnswerValidator: Sendable {
    public let definition: SurveyDefinition

    public init(definition: SurveyDefinition) { self.definition = definition }

    public enum Outcome: Sendable {
        case valid(Answers)
        /// The errors in question order, and what the respondent entered so the form can show it again.
        case invalid([AnswerError], entered: Answers)
    }

    public func validate(_ fields: FormFields) -> Outcome {
        var accepted: [String: [String]] = [:]
        var entered: [String: [String]] = [:]
        var errors: [AnswerError] = []
        for question in definition.questions {
            let given = (fields[question.id] ?? []).map(normalise).filter { !$0.isEmpty }
            if !given.isEmpty { entered[question.id] = given }
            if let problem = check(given, for: question) {
                errors.append(AnswerError(questionID: question.id, message: problem))
            } else if !given.isEmpty {
                accepted[question.id] = given
            }
        }
        return errors.isEmpty ? .valid(Answers(accepted)) : .invalid(errors, entered: Answers(entered))
    }

    private func check(_ given: [String], for question: Question) -> LocalizedText? {
        if given.isEmpty {
            return question.required
                ? LocalizedText(nl: "Beantwoord deze vraag; zij is verplicht.", en: "Please answer this question; it is required.")
                : nil
        }
        if given.count > 1 {
            return LocalizedText(nl: "Kies één antwoord.", en: "Choose one answer.")
        }
        let value = given[0]
        switch question.type {
        case .single, .yesno:
            if !(question.type.allowedValues ?? []).contains(value) {
                return LocalizedText(nl: "Kies een van de genoemde antwoorden.", en: "Choose one of the listed answers.")
            }
        case .scale(let scale):
            if !(question.type.allowedValues ?? []).contains(value) {
                return LocalizedText(
                    nl: "Kies een waarde van \(scale.min) tot en met \(scale.max).",
                    en: "Choose a value from \(scale.min) to \(scale.max).")
            }
        case .multi, .number, .date:
            // Replaced by the validation of every question type (issue 3).
            return LocalizedText(nl: "Dit vraagtype wordt nog niet ondersteund.", en: "This question type is not supported yet.")
        case .text(let maxLength, _):
            let length = value.count
            if length > maxLength {
                return LocalizedText(
                    nl: "Uw antwoord is \(length) tekens lang; het mag hoogstens \(maxLength) tekens zijn.",
                    en: "Your answer is \(length) characters long; at most \(maxLength) are allowed.")
            }
        }
        return nil
    }

    /// Line endings made uniform and surrounding white space dropped, so "  " counts as no answer.
    private func normalise(_ raw: String) -> String {
        raw.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

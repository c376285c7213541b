import Foundation
import Surveys

/// The values the `survey` template needs to show a form: each question with its inputs, what the
/// respondent already entered, and errors tied to their questions.
struct SurveyFormModel {
    let definition: SurveyDefinition
    let language: Language
    let entered: Answers
    let errors: [AnswerError]
    let alreadyAnswered: Bool
    let actionPath: String

    func values() -> [String: Any] {
        let errorByQuestion = Dictionary(errors.map { ($0.questionID, $0.message.text(in: language)) }, uniquingKeysWith: { first, _ in first })
        var questionValues: [[String: Any]] = []
        for (index, question) in definition.questions.enumerated() {
            questionValues.append(self.question(question, number: index + 1, error: errorByQuestion[question.id]))
        }
        var values: [String: Any] = [
            "title": definition.title.text(in: language),
            "action": actionPath,
            "questions": questionValues,
            "alreadyAnswered": alreadyAnswered,
            "t": UIText.strings(language.rawValue),
        ]
        if let intro = definition.intro { values["intro"] = intro.text(in: language) }
        if let rung = definition.participation {
            values["participation"] = ["rung": rung.rawValue.replacingOccurrences(of: "_", with: " "), "explanation": rung.explanation.text(in: language)]
        }
        if let feedback = definition.feedback { values["feedback"] = feedback.text(in: language) }
        if let closes = definition.closes { values["closes"] = closes.dutchDescription }
        if !errors.isEmpty {
            values["hasErrors"] = true
            values["errors"] = errors.map { error -> [String: Any] in
                let question = definition.question(error.questionID)
                return ["anchor": Self.firstInputID(question), "question": question?.text.text(in: language) ?? error.questionID,
                        "message": error.message.text(in: language)]
            }
        }
        return values
    }

    private func question(_ question: Question, number: Int, error: String?) -> [String: Any] {
        let fieldID = "q-\(question.id)"
        var values: [String: Any] = [
            "id": question.id, "fieldID": fieldID, "number": number,
            "text": question.text.text(in: language), "required": question.required,
        ]
        if let help = question.help { values["help"] = help.text(in: language) }
        if let error {
            values["error"] = error
            values["errorID"] = "\(fieldID)-error"
        }
        let describedBy = [question.help != nil ? "\(fieldID)-help" : nil, error != nil ? "\(fieldID)-error" : nil].compactMap { $0 }
        if !describedBy.isEmpty { values["describedBy"] = describedBy.joined(separator: " ") }
        let current = entered[question.id] ?? []
        switch question.type {
        case .text(let maxLength, let multiline):
            values["isText"] = true
            values["multiline"] = multiline
            values["maxLength"] = maxLength
            values["value"] = current.first ?? ""
        case .number(let rule):
            values["isInput"] = true
            values["inputType"] = "text"
            values["inputMode"] = rule.integer ? "numeric" : "decimal"
            values["value"] = current.first ?? ""
        case .date(let rule):
            values["isInput"] = true
            values["inputType"] = "date"
            if let min = rule.min { values["min"] = min }
            if let max = rule.max { values["max"] = max }
            values["value"] = current.first ?? ""
        case .single, .scale, .yesno, .multi:
            values["isChoice"] = true
            if case .scale = question.type { values["isScale"] = true }
            if case .multi = question.type { values["inputType"] = "checkbox" } else { values["inputType"] = "radio" }
            values["options"] = choices(question).enumerated().map { index, choice -> [String: Any] in
                ["optionID": "\(fieldID)-\(index)", "value": choice.value, "label": choice.label, "checked": current.contains(choice.value)]
            }
        }
        return values
    }

    private func choices(_ question: Question) -> [(value: String, label: String)] {
        switch question.type {
        case .single(let options), .multi(let options, _, _): options.map { ($0.code, $0.text.text(in: language)) }
        case .yesno: YesNo.allCases.map { ($0.rawValue, $0.label.text(in: language)) }
        case .scale(let scale):
            scale.points.map { point in
                let label = scale.label(for: point).map { "\(point) – \($0.text(in: language))" } ?? String(point)
                return (String(point), label)
            }
        case .text, .number, .date: []
        }
    }

    /// Where the error summary links to: the first input of the question.
    static func firstInputID(_ question: Question?) -> String {
        guard let question else { return "" }
        return question.type.isCategorical ? "q-\(question.id)-0" : "q-\(question.id)"
    }
}

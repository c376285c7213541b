import Foundation
import Surveys

/// A `show_if` as `show-if.js` reads it: the parsed expression and the types of the questions it uses.
private struct ScriptCondition: Encodable {
    let e: Surveys.Expression
    let t: [String: String]
}

/// What a staff preview adds to a page: the draft file's errors, and which version is shown instead.
struct Preview {
    var issues: [String] = []
    var note: String?
    /// The staff session's CSRF token, which the preview form posts back.
    var csrfToken: String?
}

/// The values the `survey` template needs to show one page of a survey: its questions with their
/// inputs, what the respondent already entered (on every page), and errors tied to their questions.
struct SurveyFormModel {
    let definition: SurveyDefinition
    let language: Language
    let page: Int
    let entered: Answers
    let errors: [AnswerError]
    let alreadyAnswered: Bool
    let actionPath: String
    /// Staff preview: say so, show a draft's errors, and never store.
    var preview: Preview?
    /// Answering by a letter's code: there is no member, so no link to a member's data.
    var letter = false

    private var flow: PageFlow { PageFlow(definition: definition) }

    func values() -> [String: Any] {
        let shown = flow.questions(onPage: page, given: entered)
        let shownIDs = Set(shown.map(\.id))
        let errorByQuestion = Dictionary(errors.map { ($0.questionID, $0.message.text(in: language)) }, uniquingKeysWith: { first, _ in first })
        let numbers = Dictionary(uniqueKeysWithValues: definition.questions.enumerated().map { ($1.id, $0 + 1) })
        let step = flow.step(of: page, given: entered)
        let isLast = flow.next(after: page, given: entered) == nil
        var values: [String: Any] = [
            "title": definition.title.text(in: language),
            "action": actionPath,
            "questions": shown.map { question($0, number: numbers[$0.id] ?? 0, error: errorByQuestion[$0.id]) },
            "alreadyAnswered": alreadyAnswered && page == flow.first(given: entered),
            "page": page,
            "lang": language.rawValue,
            "isLast": isLast,
            "hasBack": flow.previous(before: page, given: entered) != nil,
            "preview": preview != nil,
            "letter": letter,
            "t": UIText.strings(language.rawValue),
            // Answers to every question not on this page travel along, so nothing is lost between pages.
            "carried": definition.questions.filter { !shownIDs.contains($0.id) }.flatMap { question in
                (entered[question.id] ?? []).map { ["name": question.id, "value": $0] }
            },
        ]
        if let csrf = preview?.csrfToken { values["csrf"] = csrf }
        if let preview, !preview.issues.isEmpty {
            values["draftIssues"] = preview.issues
            values["draftNote"] = preview.note
        }
        if step.count > 1 { values["step"] = ["number": step.number, "count": step.count] }
        let currentPage = definition.pages[page]
        if let title = currentPage.title { values["pageTitle"] = title.text(in: language) }
        if let intro = currentPage.intro { values["pageIntro"] = intro.text(in: language) }
        if page == flow.first(given: entered) {
            if let intro = definition.intro { values["intro"] = intro.text(in: language) }
            if let rung = definition.participation { values["participation"] = ParticipationText.sentence(rung, language) }
            if let feedback = definition.feedback { values["feedback"] = feedback.text(in: language) }
            if let closes = definition.closes { values["closes"] = closes.dutchDescription }
        }
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
        if let condition = question.showIf {
            // The script needs each referenced question's type to compare as the server does.
            let types = Dictionary(condition.expression.questionIDs.compactMap { id in definition.question(id).map { (id, $0.type.name) } },
                                   uniquingKeysWith: { first, _ in first })
            if let json = try? JSONEncoder().encode(ScriptCondition(e: condition.expression, t: types)) {
                values["showIf"] = String(decoding: json, as: UTF8.self)
            }
        }
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
            values["hint"] = numberHint(rule)
        case .date(let rule):
            values["isInput"] = true
            values["inputType"] = "date"
            if let min = rule.min { values["min"] = min }
            if let max = rule.max { values["max"] = max }
            values["value"] = current.first ?? ""
        case .single, .scale, .yesno, .multi:
            values["isChoice"] = true
            if case .scale = question.type { values["isScale"] = true }
            if case .multi(_, let min, let max) = question.type {
                values["inputType"] = "checkbox"
                values["hint"] = selectionHint(min: min, max: max)
            } else {
                values["inputType"] = "radio"
            }
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

    private func numberHint(_ rule: NumberRule) -> String? {
        func show(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",") }
        let en = language == .en
        switch (rule.min, rule.max) {
        case let (min?, max?): return en ? "A number from \(show(min)) to \(show(max))" : "Een getal van \(show(min)) tot en met \(show(max))"
        case let (min?, nil): return en ? "A number of at least \(show(min))" : "Een getal van minstens \(show(min))"
        case let (nil, max?): return en ? "A number of at most \(show(max))" : "Een getal van hoogstens \(show(max))"
        case (nil, nil): return nil
        }
    }

    private func selectionHint(min: Int?, max: Int?) -> String {
        let en = language == .en
        switch (min, max) {
        case let (min?, max?) where min == max: return en ? "Choose \(min)" : "Kies er \(min)"
        case let (min?, max?): return en ? "Choose \(min) to \(max)" : "Kies er \(min) tot \(max)"
        case let (min?, nil): return en ? "Choose at least \(min)" : "Kies er minstens \(min)"
        case let (nil, max?): return en ? "Choose at most \(max)" : "Kies er hoogstens \(max)"
        case (nil, nil): return en ? "Choose any that apply" : "Kies wat van toepassing is"
        }
    }

    /// Where the error summary links to: the first input of the question.
    static func firstInputID(_ question: Question?) -> String {
        guard let question else { return "" }
        return question.type.isCategorical ? "q-\(question.id)-0" : "q-\(question.id)"
    }
}

import Foundation
import MicroHTTP
import Surveys

/// Showing a survey page by page, shared by answering by personal link and by the staff preview.
struct SurveyPages {
    let context: AppContext

    enum Step {
        /// Show this page (the next or previous one, or the same one with errors).
        case page(Response)
        /// The last page was submitted and every answer is valid: store these.
        case complete(Answers)
    }

    /// What a posted page leads to. The form says which page it was (`_page`) and which button was
    /// pressed (`_action`: `next`, `back` or `submit`).
    func step(_ definition: SurveyDefinition, fields: FormFields, language: Language, actionPath: String, preview: Preview? = nil,
              letter: Bool = false) -> Step {
        let flow = PageFlow(definition: definition)
        let entered = flow.entered(fields)
        let pageCount = definition.pages.count
        let page = fields["_page"]?.first.flatMap(Int.init).map { min(max($0, 0), pageCount - 1) } ?? 0
        let validator = AnswerValidator(definition: definition)
        func render(_ page: Int, _ entered: Answers, _ errors: [AnswerError]) -> Step {
            var model = SurveyFormModel(definition: definition, language: language, page: page, entered: entered, errors: errors,
                                        alreadyAnswered: false, actionPath: actionPath)
            model.preview = preview
            model.letter = letter
            var response = form(model, request: nil)
            if !errors.isEmpty { response.status = .unprocessableContent }
            return .page(response)
        }
        switch fields["_action"]?.first {
        case "back":
            return render(flow.previous(before: page, given: entered) ?? page, entered, [])
        case "next" where flow.next(after: page, given: entered) != nil:
            switch validator.validate(fields, page: page) {
            case .invalid(let errors, let kept): return render(page, kept, errors)
            case .valid: return render(flow.next(after: page, given: entered)!, entered, [])
            }
        default:
            switch validator.validate(fields, page: nil) {
            case .valid(let answers): return .complete(answers)
            case .invalid(let errors, let kept):
                // Show the first page with a problem, with that page's errors.
                let errorPage = flow.page(of: errors[0].questionID)
                let onPage = Set(definition.pages[errorPage].questionIDs)
                return render(errorPage, kept, errors.filter { onPage.contains($0.questionID) })
            }
        }
    }

    func form(_ model: SurveyFormModel, request: Request?) -> Response {
        let title = (model.errors.isEmpty ? "" : (model.language == .en ? "Error: " : "Fout: ")) + model.definition.title.text(in: model.language)
        var values = model.values()
        let other: Language = model.language == .nl ? .en : .nl
        values["switchLanguage"] = ["href": "?lang=\(other.rawValue)", "lang": other.rawValue, "label": other == .en ? "English" : "Nederlands"]
        return .html(context.renderer.page("survey", title: title, language: model.language.rawValue, values))
    }

    /// The page for a survey that is not (or no longer) open, or nil when it is open.
    func closedPage(_ survey: SurveyCatalog.Entry, language: Language, now: Date = Date()) -> Response? {
        guard !survey.window.contains(now) else { return nil }
        let definition = survey.definition
        let title = definition.title.text(in: language)
        let message: String
        if let opens = definition.opens, survey.window.isAhead(of: now) {
            message = language == .en ? "This survey opens on \(opens.dutchDescription)." : "Deze vragenlijst gaat open op \(opens.dutchDescription)."
        } else {
            message = language == .en
                ? "This survey is closed. Thank you for your interest; the results are published on the results page."
                : "Deze vragenlijst is gesloten. Dank voor uw belangstelling; de uitkomsten staan op de uitkomstenpagina."
            let link = ["href": "/uitkomsten/\(definition.id)", "label": language == .en ? "See the results" : "Bekijk de uitkomsten"]
            return .html(context.renderer.page("message", title: title, language: language.rawValue, ["heading": title, "message": message, "link": link]))
        }
        return .html(context.renderer.page("message", title: title, language: language.rawValue, ["heading": title, "message": message]))
    }
}

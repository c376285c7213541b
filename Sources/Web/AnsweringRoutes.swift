import Logging
import Foundation
import MicroHTTP
import Storage
import Surveys

/// A panel member answering by personal link: `GET /s/<token>` shows the survey, `POST` stores the
/// answers and redirects to the thank-you page (post/redirect/get).
struct AnsweringRoutes {
    let context: AppContext
    let notFound: PageError

    func register(in router: inout Router) {
        router.get("/s/:token") { try await show($0) }
        router.post("/s/:token") { try await submit($0) }
        router.get("/s/:token/bedankt") { try await thanks($0) }
    }

    /// The invitation and survey a link opens; the same 404 for anything that does not open one.
    private func open(_ request: Request) async throws -> (InvitationRepository.Invitation, SurveyCatalog.Entry, Language) {
        let token = request.pathParameters["token"] ?? ""
        guard let invitation = try await context.database.invitations.find(token: token) else { throw notFound }
        guard let survey = try await context.survey(invitation.surveyID) else {
            context.logger.error("invitation \(invitation.id) refers to survey \(invitation.surveyID), which is not loaded")
            throw notFound
        }
        return (invitation, survey, Language(rawValue: invitation.language) ?? .nl)
    }

    private func show(_ request: Request) async throws -> Response {
        let (invitation, survey, language) = try await open(request)
        if let closed = closedPage(survey.definition, language: language) { return closed }
        let previous = try await context.database.responses.answers(invitationID: invitation.id)
        return form(survey.definition, language: language, entered: previous ?? Answers(), errors: [],
                    alreadyAnswered: previous != nil, path: request.path)
    }

    private func submit(_ request: Request) async throws -> Response {
        let (invitation, survey, language) = try await open(request)
        if let closed = closedPage(survey.definition, language: language) { return closed }
        let fields = try request.form()
        switch AnswerValidator(definition: survey.definition).validate(fields) {
        case .invalid(let errors, let entered):
            var response = form(survey.definition, language: language, entered: entered, errors: errors,
                                alreadyAnswered: false, path: request.path)
            response.status = .unprocessableContent
            return response
        case .valid(let answers):
            let outcome = try await context.database.responses.save(
                invitationID: invitation.id, surveyID: survey.definition.id, definitionHash: survey.hash, answers: answers)
            let replaced = if case .replaced = outcome { "?vervangen=1" } else { "" }
            return .redirect(to: request.path + "/bedankt" + replaced)
        }
    }

    private func thanks(_ request: Request) async throws -> Response {
        let (_, survey, language) = try await open(request)
        let definition = survey.definition
        let replaced = (try? request.query()["vervangen"]) != nil
        var values: [String: Any] = [
            "title": definition.title.text(in: language), "replaced": replaced,
            "back": "/s/\(request.pathParameters["token"] ?? "")", "t": UIText.strings(language.rawValue),
        ]
        if let feedback = definition.feedback { values["feedback"] = feedback.text(in: language) }
        if let closes = definition.closes { values["closes"] = closes.dutchDescription }
        return .html(context.renderer.page("thanks", title: UIText.strings(language.rawValue)["thanksTitle"]!, language: language.rawValue, values))
    }

    private func form(_ definition: SurveyDefinition, language: Language, entered: Answers, errors: [AnswerError],
                      alreadyAnswered: Bool, path: String) -> Response {
        let model = SurveyFormModel(definition: definition, language: language, entered: entered, errors: errors,
                                    alreadyAnswered: alreadyAnswered, actionPath: path)
        let title = (errors.isEmpty ? "" : (language == .en ? "Error: " : "Fout: ")) + definition.title.text(in: language)
        return .html(context.renderer.page("survey", title: title, language: language.rawValue, model.values()))
    }

    /// The page for a survey that is not (or no longer) open, or nil when it is open.
    private func closedPage(_ definition: SurveyDefinition, language: Language) -> Response? {
        let now = Date()
        guard !definition.isOpen(at: now) else { return nil }
        let title = definition.title.text(in: language)
        let message: String
        if let opens = definition.opens, now < opens.startInstant {
            message = language == .en ? "This survey opens on \(opens.dutchDescription)." : "Deze vragenlijst gaat open op \(opens.dutchDescription)."
        } else {
            message = language == .en
                ? "This survey has closed. Thank you for your interest; the results will be published here."
                : "Deze vragenlijst is gesloten. Dank voor uw belangstelling; de uitkomsten worden hier gepubliceerd."
        }
        return .html(context.renderer.page("message", title: title, language: language.rawValue, ["heading": title, "message": message]))
    }
}

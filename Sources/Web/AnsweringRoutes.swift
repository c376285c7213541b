import Foundation
import Logging
import MicroHTTP
import Storage
import Surveys

/// A panel member answering by personal link: `GET /s/<token>` shows the first page, each `POST`
/// moves between pages (answers travel along as hidden fields) or, on the last page, stores the
/// answers and redirects to the thank-you page (post/redirect/get).
struct AnsweringRoutes {
    let context: AppContext
    let notFound: PageError
    let firstPages = FirstPageCache()

    func register(in router: inout Router) {
        router.get("/s/:token") { try await show($0) }
        router.post("/s/:token") { try await submit($0) }
        router.get("/s/:token/bedankt") { try await thanks($0) }
    }

    /// The invitation and survey a link opens; the same 404 for anything that does not open one.
    private func open(_ request: Request) async throws -> (InvitationRepository.Invitation, SurveyCatalog.Entry) {
        let token = request.pathParameters["token"] ?? ""
        guard let invitation = try await context.database.invitations.find(token: token) else { throw notFound }
        guard let survey = try await context.survey(invitation.surveyID) else {
            context.logger.error("invitation \(invitation.id) refers to survey \(invitation.surveyID), which is not loaded")
            throw notFound
        }
        return (invitation, survey)
    }

    private func show(_ request: Request) async throws -> Response {
        let (invitation, survey) = try await open(request)
        let language = PageLanguage.choose(explicit: try request.query()["lang"]?.first, member: invitation.language)
        if let closed = SurveyPages(context: context).closedPage(survey.definition, language: language) { return closed }
        let previous = try await context.database.responses.answers(invitationID: invitation.id)
        let entered = previous ?? Answers()
        func page(actionPath: String) -> Response {
            let form = SurveyFormModel(
                definition: survey.definition, language: language, page: PageFlow(definition: survey.definition).first(given: entered),
                entered: entered, errors: [], alreadyAnswered: previous != nil, actionPath: actionPath)
            return SurveyPages(context: context).form(form, request: request)
        }
        guard previous == nil else { return page(actionPath: request.path) }
        let key = FirstPageCache.Key(surveyID: survey.definition.id, definitionHash: survey.hash, language: language.rawValue)
        return firstPages.response(key, link: request.path, render: page)
    }

    private func submit(_ request: Request) async throws -> Response {
        let (invitation, survey) = try await open(request)
        let fields = try request.form()
        let language = PageLanguage.choose(explicit: fields["_lang"]?.first, member: invitation.language)
        if let closed = SurveyPages(context: context).closedPage(survey.definition, language: language) { return closed }
        switch SurveyPages(context: context).step(survey.definition, fields: fields, language: language, actionPath: request.path) {
        case .page(let response):
            return response
        case .complete(let answers):
            let outcome = try await context.database.responses.save(
                invitationID: invitation.id, surveyID: survey.definition.id, definitionHash: survey.hash, answers: answers)
            var query = ["lang=\(language.rawValue)"]
            if case .replaced = outcome { query.append("vervangen=1") }
            return .redirect(to: request.path + "/bedankt?" + query.joined(separator: "&"))
        }
    }

    private func thanks(_ request: Request) async throws -> Response {
        let (invitation, survey) = try await open(request)
        let query = try request.query()
        let language = PageLanguage.choose(explicit: query["lang"]?.first, member: invitation.language)
        let definition = survey.definition
        let strings = UIText.strings(language.rawValue)
        var values: [String: Any] = [
            "title": definition.title.text(in: language), "replaced": query["vervangen"] != nil,
            "back": "/s/\(request.pathParameters["token"] ?? "")?lang=\(language.rawValue)", "t": strings,
            "privacy": "/s/\(request.pathParameters["token"] ?? "")/privacy?lang=\(language.rawValue)",
        ]
        if let feedback = definition.feedback { values["feedback"] = feedback.text(in: language) }
        if let closes = definition.closes { values["closes"] = closes.dutchDescription }
        return .html(context.renderer.page("thanks", title: strings["thanksTitle"]!, language: language.rawValue, values))
    }
}

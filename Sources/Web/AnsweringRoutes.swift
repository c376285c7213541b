import Foundation
import Logging
import MicroHTTP
import Storage
import Surveys

/// What a personal link or a letter's code opens: the invitation that answers, and the survey.
struct AnswerAccess: Sendable {
    let invitationID: Int64
    let survey: SurveyCatalog.Entry
    /// The member's language; nil for a letter, whose reader chooses on the page.
    let preferredLanguage: String?
    let channel: Channel
}

/// Answering a survey: `GET base` shows the first page, each `POST` moves between pages (answers
/// travel along as hidden fields) or, on the last page, stores the answers and redirects to the
/// thank-you page (post/redirect/get). The same flow serves panel members by personal link
/// (`/s/:token`) and residents by a letter's code (`/c/:code`); only how the path is opened differs.
struct AnsweringRoutes {
    let context: AppContext
    /// The route pattern of the answering page, e.g. `/s/:token`.
    let base: String
    /// Opens the invitation the request's path names, or throws the page to answer instead.
    let open: @Sendable (Request) async throws -> AnswerAccess
    /// First pages rendered once per survey version and language; one cache per channel, since a
    /// letter's page words some things differently.
    let firstPages = FirstPageCache()

    /// Panel members by personal link; unknown, revoked and malformed links all get `notFound`.
    static func panel(context: AppContext, notFound: PageError) -> AnsweringRoutes {
        AnsweringRoutes(context: context, base: "/s/:token") { request in
            let token = request.pathParameters["token"] ?? ""
            guard let invitation = try await TokenGuessing(context: context).lookUp(request, { try await context.database.invitations.find(token: token) })
            else { throw notFound }
            guard let survey = try await context.survey(invitation.surveyID) else {
                context.logger.error("invitation \(invitation.id) refers to survey \(invitation.surveyID), which is not loaded")
                throw notFound
            }
            return AnswerAccess(invitationID: invitation.id, survey: survey, preferredLanguage: invitation.language, channel: .panel)
        }
    }

    func register(in router: inout Router) {
        router.get(base) { try await show($0) }
        router.post(base) { try await submit($0) }
        router.get(base + "/bedankt") { try await thanks($0) }
    }

    private func show(_ request: Request) async throws -> Response {
        let access = try await open(request)
        let definition = access.survey.definition
        let language = PageLanguage.choose(explicit: try request.query()["lang"]?.first, member: access.preferredLanguage)
        if let closed = SurveyPages(context: context).closedPage(access.survey, language: language) { return closed }
        let previous = try await context.database.responses.answers(invitationID: access.invitationID)
        let entered = previous ?? Answers()
        func page(actionPath: String) -> Response {
            var form = SurveyFormModel(
                definition: definition, language: language, page: PageFlow(definition: definition).first(given: entered),
                entered: entered, errors: [], alreadyAnswered: previous != nil, actionPath: actionPath)
            form.letter = access.channel == .letter
            return SurveyPages(context: context).form(form, request: request)
        }
        guard previous == nil else { return page(actionPath: request.path) }
        let key = FirstPageCache.Key(surveyID: definition.id, definitionHash: access.survey.hash, language: language.rawValue)
        return firstPages.response(key, link: request.path, render: page)
    }

    private func submit(_ request: Request) async throws -> Response {
        let access = try await open(request)
        let definition = access.survey.definition
        let fields = try request.form()
        let language = PageLanguage.choose(explicit: fields["_lang"]?.first, member: access.preferredLanguage)
        let pages = SurveyPages(context: context)
        if let closed = pages.closedPage(access.survey, language: language) { return closed }
        switch pages.step(definition, fields: fields, language: language, actionPath: request.path, letter: access.channel == .letter) {
        case .page(let response):
            return response
        case .complete(let answers):
            let outcome = try await context.database.responses.save(
                invitationID: access.invitationID, surveyID: definition.id, definitionHash: access.survey.hash, answers: answers)
            var query = ["lang=\(language.rawValue)"]
            if case .replaced = outcome { query.append("vervangen=1") }
            return .redirect(to: request.path + "/bedankt?" + query.joined(separator: "&"))
        }
    }

    private func thanks(_ request: Request) async throws -> Response {
        let access = try await open(request)
        let query = try request.query()
        let language = PageLanguage.choose(explicit: query["lang"]?.first, member: access.preferredLanguage)
        let definition = access.survey.definition
        let strings = UIText.strings(language.rawValue)
        let answeringPath = String(request.path.dropLast("/bedankt".count))
        var values: [String: Any] = [
            "title": definition.title.text(in: language), "replaced": query["vervangen"] != nil,
            "back": "\(answeringPath)?lang=\(language.rawValue)", "t": strings,
            "letter": access.channel == .letter,
        ]
        if access.channel == .panel { values["privacy"] = "\(answeringPath)/privacy?lang=\(language.rawValue)" }
        if let feedback = definition.feedback { values["feedback"] = feedback.text(in: language) }
        if let closes = definition.closes { values["closes"] = closes.dutchDescription }
        return .html(context.renderer.page("thanks", title: strings["thanksTitle"]!, language: language.rawValue, values))
    }
}

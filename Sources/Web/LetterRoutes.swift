import Foundation
import Logging
import MicroHTTP
import Secrets
import Storage
import Surveys

/// Residents outside the panel answer with the code from their letter: `/c` asks for the code (the
/// short link printed on the letter), `/c/<code>` (the printed or scanned full link) opens the same
/// answering flow as a personal link. A wrong, revoked or malformed code gets one page (404) that
/// does not say which, a code of a survey that has closed gets 410.
struct LetterRoutes {
    let context: AppContext

    /// Only the code is posted to `/c`: a tight bound, however large the configured body limit.
    static let formLimits = FormLimits(maxFields: 4, maxNameBytes: 16, maxValueBytes: LetterCode.maxPresentedLength)

    func register(in router: inout Router) {
        router.get("/c") { request in
            let language = PageLanguage.choose(explicit: try request.query()["lang"]?.first, member: nil)
            return entryPage(language, entered: "", wrong: false)
        }
        router.post("/c") { request in
            let fields = try request.form(limits: Self.formLimits)
            let language = PageLanguage.choose(explicit: fields["_lang"]?.first, member: nil)
            let entered = fields["code"]?.first ?? ""
            guard let (code, found) = try await find(entered, for: request) else {
                return entryPage(language, entered: entered, wrong: true)
            }
            if let survey = try await context.survey(found.surveyID), let gone = expired(survey.definition, language: language) { throw gone }
            return .redirect(to: "/c/\(code.formatted)?lang=\(language.rawValue)")
        }
        AnsweringRoutes(context: context, base: "/c/:code", open: open).register(in: &router)
    }

    /// The letter invitation and survey a `/c/<code>` path opens.
    @Sendable private func open(_ request: Request) async throws -> AnswerAccess {
        let language = PageLanguage.choose(explicit: try? request.query()["lang"]?.first, member: nil)
        let wrong = PageError(status: .notFound, html: entryHTML(language, entered: "", wrong: true))
        guard let (_, found) = try await find(request.pathParameters["code"] ?? "", for: request) else { throw wrong }
        guard let survey = try await context.survey(found.surveyID) else {
            context.logger.error("letter invitation \(found.invitationID) refers to survey \(found.surveyID), which is not loaded")
            throw wrong
        }
        if let gone = expired(survey.definition, language: language) { throw gone }
        return AnswerAccess(invitationID: found.invitationID, survey: survey, preferredLanguage: nil, channel: .letter)
    }

    /// The letter a presented code belongs to. Malformed codes count as wrong guesses too, so that
    /// probing with them is limited like any other (see `TokenGuessing`).
    private func find(_ presented: String, for request: Request) async throws -> (LetterCode, LetterRepository.Found)? {
        try await TokenGuessing(context: context).lookUp(request) {
            guard let code = LetterCode(presented: presented), let found = try await context.database.letters.find(code: code) else { return nil }
            return (code, found)
        }
    }

    /// A code is valid until its survey closes; after that the page says so, with the results' link.
    private func expired(_ definition: SurveyDefinition, language: Language, now: Date = Date()) -> PageError? {
        guard let closes = definition.closes, now >= closes.endInstant else { return nil }
        let strings = UIText.strings(language.rawValue)
        let html = context.renderer.page("message", title: strings["codeExpiredTitle"]!, language: language.rawValue, [
            "heading": strings["codeExpiredTitle"]!, "message": strings["codeExpired"]!,
            "link": ["href": "/uitkomsten/\(definition.id)", "label": strings["seeResults"]!],
        ])
        return PageError(status: .gone, html: html)
    }

    /// The page that asks for the code; with `wrong`, it says the code is not valid (status 404) and
    /// keeps what was typed, so a typing mistake can be corrected.
    private func entryPage(_ language: Language, entered: String, wrong: Bool) -> Response {
        .html(entryHTML(language, entered: entered, wrong: wrong), status: wrong ? .notFound : .ok)
    }

    private func entryHTML(_ language: Language, entered: String, wrong: Bool) -> String {
        let strings = UIText.strings(language.rawValue)
        let other: Language = language == .nl ? .en : .nl
        let values: [String: Any] = [
            "t": strings, "lang": language.rawValue, "wrong": wrong, "entered": entered, "maxLength": LetterCode.maxPresentedLength,
            "switchLanguage": ["href": "/c?lang=\(other.rawValue)", "lang": other.rawValue, "label": other == .en ? "English" : "Nederlands"],
        ]
        let title = (wrong ? strings["errorPrefix"]! : "") + strings["codeTitle"]!
        return context.renderer.page("letter-code", title: title, language: language.rawValue, values)
    }
}

import Foundation
import Logging
import MicroHTTP
import Storage
import Surveys

/// What a member may do with their own data from any personal link (AVG/GDPR): leave the panel,
/// download everything stored about them, or have it erased. The link itself is the proof of who
/// they are; each change needs a POST from the confirmation page. Logged without personal data.
struct MemberRightsRoutes {
    let context: AppContext
    let notFound: PageError

    func register(in router: inout Router) {
        router.get("/s/:token/privacy") { request in try await page(request, "privacy") }
        router.get("/s/:token/afmelden") { request in try await page(request, "unsubscribe") }
        router.post("/s/:token/afmelden") { request in
            try await act(on: request, right: "unsubscribe", { try await context.database.members.unsubscribe($0) },
                heading: .init(nl: "U bent afgemeld", en: "You have unsubscribed"),
                message: .init(
                    nl: "U ontvangt geen uitnodigingen meer van het burgerpanel. Links die u al heeft, blijven werken tot hun vragenlijst sluit.",
                    en: "You will receive no more invitations from the citizens' panel. Links you already have keep working until their survey closes."))
        }
        router.get("/s/:token/mijn-gegevens") { request in
            let (invitation, _) = try await open(request)
            guard let export = try await context.database.members.export(invitation.memberID) else { throw notFound }
            context.logger.notice("member right exercised: download")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var response = Response.json(Array(try encoder.encode(export)))
            response.headers["Content-Disposition"] = "attachment; filename=\"mijn-gegevens-burgerpanel.json\""
            response.headers["Cache-Control"] = "no-store"
            return response
        }
        router.get("/s/:token/wissen") { request in try await page(request, "erase") }
        router.post("/s/:token/wissen") { request in
            try await act(on: request, right: "erasure", { try await context.database.members.erase($0) },
                heading: .init(nl: "Uw gegevens zijn gewist", en: "Your data has been erased"),
                message: .init(
                    nl: "Uw e-mailadres, postcode, geboortejaar en persoonlijke links zijn verwijderd. Uw eerdere antwoorden blijven alleen over als anonieme gegevens die niet naar u te herleiden zijn.",
                    en: "Your e-mail address, postcode, birth year and personal links are gone. Your earlier answers remain only as anonymous rows that cannot be traced back to you."))
        }
    }

    /// Carries out a right for the member whose link this is, logs which right (never who) and
    /// confirms it in their language.
    private func act(
        on request: Request, right: String, _ perform: (String) async throws -> Void, heading: LocalizedText, message: LocalizedText
    ) async throws -> Response {
        let (invitation, language) = try await open(request)
        try await perform(invitation.memberID)
        context.logger.notice("member right exercised: \(right)")
        return done(language, heading: heading.text(in: language), message: message.text(in: language))
    }

    private func open(_ request: Request) async throws -> (InvitationRepository.Invitation, Language) {
        let token = request.pathParameters["token"] ?? ""
        guard let invitation = try await TokenGuessing(context: context).lookUp(request, { try await context.database.invitations.find(token: token) })
        else { throw notFound }
        let explicit = try request.query()["lang"]?.first
        return (invitation, PageLanguage.choose(explicit: explicit, member: invitation.language))
    }

    private func page(_ request: Request, _ which: String) async throws -> Response {
        let (_, language) = try await open(request)
        let base = "/s/\(request.pathParameters["token"] ?? "")"
        let values: [String: Any] = [
            "base": base, "lang": language.rawValue, which: true, "en": language == .en,
        ]
        let title = language == .en ? "Your data" : "Uw gegevens"
        return .html(context.renderer.page("privacy", title: title, language: language.rawValue, values))
    }

    private func done(_ language: Language, heading: String, message: String) -> Response {
        .html(context.renderer.page("message", title: heading, language: language.rawValue, ["heading": heading, "message": message]))
    }
}

import Foundation
import Logging
import MicroHTTP
import Panel
import Storage
import Surveys

/// A member's own page on the panel, `/s/<token>/mijn-panel`: the surveys they took part in and
/// what was done with each, where they stand (asked to confirm, lapsed, unsubscribed), and a form to
/// update their wijk, postcode and language. `/s/<token>/bevestigen` is where they say they want
/// to stay. The link is the credential (no CSRF token); every change is a POST. Changes are
/// logged by field name only, never by value or member.
struct MyPanelRoutes {
    let context: AppContext
    let notFound: PageError

    static let formLimits = FormLimits(maxFields: 8, maxNameBytes: 16, maxValueBytes: 64)

    func register(in router: inout Router) {
        router.get("/s/:token/mijn-panel") { request in
            let access = try await MemberAccess.open(request, context: context, notFound: notFound)
            let query = try request.query()
            return try await page(access, notice: query["welkom"] != nil ? .welcome : (query["bijgewerkt"] != nil ? .updated : nil))
        }
        router.post("/s/:token/mijn-panel") { request in try await update(request) }
        router.get("/s/:token/bevestigen") { request in
            let access = try await MemberAccess.open(request, context: context, notFound: notFound)
            let language = access.language
            let heading = LocalizedText(nl: "Blijft u lid van het burgerpanel?", en: "Will you stay on the citizens' panel?")
            return .html(context.renderer.page("panel-confirm", title: heading.text(in: language), language: language.rawValue, [
                "heading": heading.text(in: language),
                "message": LocalizedText(
                    nl: "Eens per jaar vragen wij panelleden of ze mee willen blijven doen. Klik op de knop als u lid wilt blijven. Wilt u niet meer meedoen? Dan kunt u zich afmelden.",
                    en: "Once a year we ask panel members whether they want to keep taking part. Press the button to stay. Don't want to take part any more? Then you can unsubscribe."
                ).text(in: language),
                "button": language == .en ? "Yes, I'll stay" : "Ja, ik blijf lid",
                "action": "\(access.base)/bevestigen?lang=\(language.rawValue)",
                "secondary": ["href": "\(access.base)/afmelden?lang=\(language.rawValue)", "label": language == .en ? "Unsubscribe" : "Afmelden"],
            ]))
        }
        router.post("/s/:token/bevestigen") { request in
            let access = try await MemberAccess.open(request, context: context, notFound: notFound)
            let language = access.language
            let outcome = try await context.database.members.confirmMembership(access.holder.memberID)
            context.logger.notice("membership confirmed by the member: \(outcome)")
            let text: LocalizedText
            switch outcome {
            case .confirmed, .reactivated:
                text = .init(nl: "Dank u wel! U blijft lid van het burgerpanel. Over een jaar vragen wij het u weer.",
                             en: "Thank you! You stay on the citizens' panel. We will ask again in a year.")
            case .notOnPanel, .unknown:
                text = .init(nl: "U bent afgemeld voor het burgerpanel, dus u blijft afgemeld. Wilt u weer meedoen? Meld u dan opnieuw aan.",
                             en: "You have unsubscribed from the citizens' panel, so you stay unsubscribed. Want to take part again? Then sign up again.")
            }
            var values: [String: Any] = ["heading": language == .en ? "Thank you" : "Dank u wel", "message": text.text(in: language)]
            values["link"] = outcome == .notOnPanel || outcome == .unknown
                ? ["href": "/panel/aanmelden?lang=\(language.rawValue)", "label": language == .en ? "Sign up" : "Aanmelden"]
                : ["href": "\(access.base)/mijn-panel?lang=\(language.rawValue)", "label": language == .en ? "My panel page" : "Mijn panelpagina"]
            return .html(context.renderer.page("message", title: values["heading"] as! String, language: language.rawValue, values))
        }
    }

    enum Notice { case welcome, updated }

    private func update(_ request: Request) async throws -> Response {
        let fields = try request.form(limits: Self.formLimits)
        let access = try await MemberAccess.open(request, context: context, notFound: notFound, explicitLanguage: fields["_lang"]?.first)
        let typed = (wijk: fields["wijk"]?.first ?? "", postcode: fields["postcode"]?.first ?? "", language: fields["language"]?.first ?? "")
        switch OwnDetailsForm.validate(wijk: typed.wijk, postcode: typed.postcode, language: typed.language, gemeente: context.gemeente) {
        case .failure(let problems):
            return try await page(access, notice: nil, typed: typed, problems: problems)
        case .success(let details):
            guard let before = try await context.database.members.updateOwnDetails(access.holder.memberID, to: details) else { throw notFound }
            let changed = OwnDetailsForm.changedFields(from: before, to: details)
            context.logger.notice("member updated own details: \(changed.isEmpty ? "nothing changed" : changed.map(\.rawValue).joined(separator: ", "))")
            return .redirect(to: "\(access.base)/mijn-panel?bijgewerkt=1&lang=\(details.language)")
        }
    }

    private func page(
        _ access: MemberAccess, notice: Notice?, typed: (wijk: String, postcode: String, language: String)? = nil, problems: DetailProblems? = nil
    ) async throws -> Response {
        guard let standing = try await context.database.members.standing(access.holder.memberID) else { throw notFound }
        let language = access.language
        let en = language == .en
        let member = standing.member
        let shown = typed ?? (member.wijk, member.postcode ?? "", member.language)
        var values: [String: Any] = [
            "en": en, "lang": language.rawValue, "base": access.base,
            "welcome": notice == .welcome, "updated": notice == .updated,
            "asked": standing.askedToReconfirm && member.active, "lapsed": standing.lapsed, "unsubscribed": standing.unsubscribed,
            "postcode": shown.postcode,
            "wijken": context.gemeente.wijken.map { ["name": $0, "selected": $0 == shown.wijk] },
            "languages": [Language.nl, .en].enumerated().map { index, option in
                ["value": option.rawValue, "label": option == .nl ? "Nederlands" : "English", "id": "veld-language-\(index)",
                 "checked": option.rawValue == shown.language, "lang": option.rawValue]
            },
        ]
        values.merge(DetailText.values(problems, language)) { _, new in new }
        let surveys = try await surveys(of: member.id, language: language)
        values["surveys"] = surveys
        values["hasSurveys"] = !surveys.isEmpty
        let title = (problems == nil ? "" : (en ? "Error: " : "Fout: ")) + (en ? "My citizens' panel" : "Mijn burgerpanel")
        var response = Response.html(context.renderer.page("my-panel", title: title, language: language.rawValue, values),
                                     status: problems == nil ? .ok : .unprocessableContent)
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    /// The surveys the member answered, newest first, each with where it stands and, once published,
    /// what the municipality decided.
    private func surveys(of memberID: String, language: Language) async throws -> [[String: Any]] {
        let taken = try await context.database.members.participation(memberID)
        let publications = try await context.database.publications.find(surveyIDs: taken.map(\.surveyID))
        var rows: [[String: Any]] = []
        for participation in taken {
            let definition = try await context.survey(participation.surveyID)?.definition
            var row: [String: Any] = [
                "title": definition?.title.text(in: language) ?? participation.surveyID,
                "answered": MemberDates.text(participation.answeredAt, language),
                "results": "/uitkomsten/\(participation.surveyID)",
            ]
            if let publication = publications[participation.surveyID] {
                row["decision"] = publication.decision(in: language.rawValue)
                row["publishedOn"] = MemberDates.text(publication.publishedAt, language)
            } else if let definition, definition.isOpen(at: Date()) {
                row["open"] = true
                if let closes = definition.closes { row["closes"] = closes.dutchDescription }
                if let feedback = definition.feedback { row["feedback"] = feedback.text(in: language) }
            } else {
                row["closed"] = true
                if let feedback = definition?.feedback { row["feedback"] = feedback.text(in: language) }
            }
            rows.append(row)
        }
        return rows
    }
}

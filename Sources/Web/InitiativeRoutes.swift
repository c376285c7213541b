import Foundation
import Logging
import Secrets
import Initiatives
import MicroHTTP
import Storage

/// The initiative owner's side: the public form (`/initiatieven/nieuw`) and the personal status page
/// (`/i/{token}`), where the owner can also withdraw. The token is the only proof of ownership, so it is
/// redacted from the access log like the panel's links.
struct InitiativeRoutes {
    let context: AppContext
    let notFound: PageError

    func register(in router: inout Router) {
        router.get("/initiatieven/nieuw") { _ in
            let empty = InitiativeSubmission(form: [:], gemeente: context.gemeente, rules: context.rules, today: .today())
            return form(InitiativeSubmission.blank(empty), status: .ok)
        }
        router.post("/initiatieven/nieuw") { request in
            let submission = InitiativeSubmission(
                form: try request.form(limits: FormLimits(maxFields: 40, maxNameBytes: 64, maxValueBytes: 8 * 1024)),
                gemeente: context.gemeente, rules: context.rules, today: .today())
            guard let draft = submission.initiative, let contact = submission.contact else {
                return form(submission, status: .unprocessableContent)
            }
            let (initiative, token) = try await context.database.initiatives.submit(draft, contact: contact, notify: OwnerNotifications(context: context).onChange)
            context.logger.notice("initiative submitted", metadata: ["initiative": "\(initiative.id)", "band": "\(initiative.route.band.rawValue)"])
            return .redirect(to: "/i/\(token.value)?nieuw=1")
        }
        router.get("/i/:token") { request in
            let (initiative, token) = try await open(request)
            var values = try await InitiativeView(context: context).values(initiative)
            values["token"] = token
            values["fresh"] = try request.query()["nieuw"] != nil
            values["statusURL"] = "\(context.configuration.publicURL)/i/\(token)"
            values["mayWithdraw"] = !initiative.status.isFinal && initiative.status != .verantwoord
            var response = Response.html(context.renderer.page("initiative-status", title: "\(initiative.title) — status", language: "nl", values))
            response.headers["Cache-Control"] = "no-store"
            return response
        }
        router.post("/i/:token/intrekken") { request in
            let (initiative, token) = try await open(request)
            let reason = try request.form(limits: FormLimits(maxFields: 5, maxNameBytes: 32, maxValueBytes: 4096))["reden"]?.first ?? ""
            do throws(InitiativeRepository.TransitionError) {
                try await context.database.initiatives.apply(
                    .withdraw(reason: String(reason.prefix(2000))), by: .owner, to: initiative.id, today: .today(), rules: context.budgetRules,
                    notify: OwnerNotifications(context: context).onChange)
            } catch {
                guard case .refused(let refusal) = error else { throw error }
                throw PageError(context, status: .conflict, heading: "Intrekken lukt niet", message: refusal.description)
            }
            return .redirect(to: "/i/\(token)")
        }
        router.post("/i/:token/berichten") { request in
            let (initiative, token) = try await open(request)
            let body = (try request.form(limits: FormLimits(maxFields: 5, maxNameBytes: 32, maxValueBytes: 8192))["bericht"]?.first ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !body.isEmpty, body.count <= 4000 else {
                throw PageError(context, status: .unprocessableContent, heading: "Bericht niet verstuurd",
                                message: "Schrijf een bericht van hoogstens 4000 tekens.")
            }
            try await context.database.initiatives.post(body, on: initiative.id, author: "initiatiefnemer", fromOwner: true, auditActor: "initiatiefnemer")
            return .redirect(to: "/i/\(token)#berichten")
        }
    }

    private func open(_ request: Request) async throws -> (Initiative, String) {
        let token = request.pathParameters["token"] ?? ""
        guard let initiative = try await TokenGuessing(context: context).lookUp(request, { try await context.database.initiatives.find(statusToken: token) })
        else { throw notFound }
        return (initiative, token)
    }

    private func form(_ submission: InitiativeSubmission, status: HTTPStatus) -> Response {
        .html(context.renderer.page("initiative-form", title: "Buurtinitiatief indienen", language: "nl", submission.templateValues(gemeente: context.gemeente)),
              status: status)
    }
}

extension InitiativeSubmission {
    /// The empty form: no problems shown before anything was typed.
    static func blank(_ submission: InitiativeSubmission) -> InitiativeSubmission {
        var blank = submission
        blank.problems = [:]
        return blank
    }
}

extension AppContext {
    /// The budget facts the workflow checks against: allocations from the rule files, the overdraw
    /// approver of the edition an initiative is judged by.
    public var budgetRules: InitiativeRepository.BudgetRules {
        let rules = self.rules
        return InitiativeRepository.BudgetRules(
            allocation: { line, wijk, year in
                line == .wijkkansen ? rules.wijkkansenPot(year: year) : rules.allocation(wijk: wijk ?? "", year: year)[line] ?? .zero
            },
            overdrawApprover: { initiative in rules.editions.first { $0.id == initiative.route.edition }?.overdrawApprover })
    }
}

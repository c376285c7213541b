import Foundation
import Logging
import Initiatives
import MicroHTTP
import Storage

/// The officials' side of the workflow: the list of initiatives, one initiative with the steps the
/// signed-in official may take, the decider's queue, and the same as a JSON API. Every step goes through
/// the pure workflow; a refusal for role, wijk or mandate is a 403 and is written to the audit log.
struct InitiativeStaffRoutes {
    let context: AppContext
    let access: StaffAccess

    func register(in router: inout Router) {
        router.staff(.get, "/admin/initiatieven", access: access) { _, principal in
            let initiatives = try await visible(to: principal)
            let rows = initiatives.map { initiative -> [String: Any] in
                let row: [String: Any?] = [
                    "id": initiative.id, "title": initiative.title, "wijk": initiative.wijk, "status": initiative.status.label,
                    "band": initiative.route.band.rawValue, "requested": initiative.requested.dutch,
                    "awaited": initiative.awaitedSigner.map(InitiativeView.roleName),
                ]
                return row.compactMapValues { $0 }
            }
            return .html(context.renderer.staffPage("admin-initiatives", title: "Initiatieven", principal: principal,
                                                    ["initiatives": rows, "hasInitiatives": !rows.isEmpty]))
        }
        router.staff(.get, "/admin/beslissen", access: access) { _, principal in
            let queue = try await DecisionQueue(context: context).items(for: principal)
            return .html(context.renderer.staffPage("admin-queue", title: "Te beslissen", principal: principal,
                                                    ["items": queue, "hasItems": !queue.isEmpty]))
        }
        router.staff(.get, "/admin/initiatieven/:id", access: access) { request, principal in
            try await detail(request.pathParameters["id"] ?? "", principal: principal, message: nil, status: .ok)
        }
        router.staff(.post, "/admin/initiatieven/:id", access: access) { request, principal in
            let id = request.pathParameters["id"] ?? ""
            let form = try request.form(limits: FormLimits(maxFields: 20, maxNameBytes: 64, maxValueBytes: 8 * 1024))
            do {
                try await perform(form.compactMapValues(\.first), on: id, principal: principal)
            } catch let failure as ActionFailure {
                return try await detail(id, principal: principal, message: failure.message, status: failure.status)
            }
            return .redirect(to: "/admin/initiatieven/\(id)")
        }
        router.staff(.get, "/api/v1/initiatives", access: access) { _, principal in
            try json(try await visible(to: principal).map(APIInitiative.init))
        }
        router.staff(.get, "/api/v1/initiatives/:id", access: access) { request, principal in
            guard let initiative = try await context.database.initiatives.find(id: request.pathParameters["id"] ?? "") else {
                throw APIError(status: .notFound, message: "no such initiative")
            }
            return try json(APIInitiative(initiative))
        }
        router.staff(.post, "/api/v1/initiatives/:id/actions", access: access) { request, principal in
            let id = request.pathParameters["id"] ?? ""
            guard request.body.count <= 16 * 1024,
                  let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
            else { throw APIError(status: .badRequest, message: "send a JSON object such as {\"action\": \"start_review\"}") }
            var fields: [String: String] = [:]
            for (key, value) in object.prefix(20) {
                switch value {
                case let text as String: fields[key] = text
                case let number as NSNumber: fields[key] = number.stringValue
                default: continue
                }
            }
            do {
                try await perform(fields, on: id, principal: principal)
            } catch let failure as ActionFailure {
                throw APIError(status: failure.status, message: failure.message)
            }
            guard let initiative = try await context.database.initiatives.find(id: id) else { throw APIError(status: .notFound, message: "no such initiative") }
            return try json(APIInitiative(initiative))
        }
    }

    /// A step that did not happen, with the status and sentence to show.
    struct ActionFailure: Error {
        let status: HTTPStatus
        let message: String
    }

    /// Runs a requested step for `principal`; throws ``ActionFailure`` when it is refused.
    private func perform(_ fields: [String: String], on id: String, principal: StaffPrincipal) async throws {
        guard let initiative = try await context.database.initiatives.find(id: id) else {
            throw ActionFailure(status: .notFound, message: "er is geen initiatief \(id)")
        }
        let actor = Self.actor(principal)
        if fields["action"] == "message" {
            // Only the buco of the wijk speaks for the municipality in the owner's thread.
            guard principal.decisionRole == .buurtcoordinator, principal.wijk == initiative.wijk else {
                throw ActionFailure(status: .forbidden, message: "alleen de buurtcoördinator van wijk \(initiative.wijk) schrijft de initiatiefnemer")
            }
            let body = (fields["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !body.isEmpty, body.count <= 4000 else { throw ActionFailure(status: .unprocessableContent, message: "schrijf een bericht van hoogstens 4000 tekens") }
            try await context.database.initiatives.post(
                body, on: id, author: "buurtcoördinator \(principal.name)", fromOwner: false, auditActor: principal.auditActor,
                notify: OwnerNotifications(context: context).onMessage(body))
            return
        }
        let parsed: InitiativeActionRequest.Parsed
        do { parsed = try InitiativeActionRequest.parse(fields, today: .today()) } catch {
            throw ActionFailure(status: .unprocessableContent, message: error.description)
        }
        do {
            switch parsed {
            case .transition(let action):
                try await context.database.initiatives.apply(
                    action, by: actor, to: id, today: .today(), rules: context.budgetRules, auditActor: principal.auditActor,
                    notify: OwnerNotifications(context: context).onChange)
            case .startBuurttoetsing(let closes):
                let started = try await BuurttoetsingStarter(context: context).start(initiative, by: actor, closes: closes, auditActor: principal.auditActor)
                context.logger.notice("buurttoetsing started", metadata: ["initiative": "\(id)", "survey": "\(started.surveyID)", "invited": "\(started.invited)"])
            case .endBuurttoetsing:
                guard let surveyID = initiative.surveyID, let report = try await ResultsReport.current(context, surveyID: surveyID),
                      let draagvlak = report.draagvlak
                else { throw ActionFailure(status: .conflict, message: "er is geen uitkomst van de buurttoetsing om vast te leggen") }
                let outcome = SupportOutcome(
                    verdict: draagvlak.verdict.rawValue, share: draagvlak.supportShare, lower: draagvlak.ci95?.first, upper: draagvlak.ci95?.last,
                    respondents: draagvlak.n, threshold: draagvlak.threshold, minN: draagvlak.minN)
                try await context.database.initiatives.apply(
                    .endBuurttoetsing(outcome), by: actor, to: id, today: .today(), rules: context.budgetRules, auditActor: principal.auditActor,
                    notify: OwnerNotifications(context: context).onChange)
            }
        } catch let error as InitiativeRepository.TransitionError {
            switch error {
            case .refused(let refusal):
                if refusal.isForbidden {
                    try await context.database.audit.append(AuditRecord(
                        actor: principal.auditActor, action: .accessRefused, subject: "initiative \(id)",
                        details: ["action": .text(fields["action"] ?? fields["_action"] ?? ""), "reason": .text(refusal.description)]))
                    throw ActionFailure(status: .forbidden, message: refusal.description)
                }
                throw ActionFailure(status: refusal.isWrongState ? .conflict : .unprocessableContent, message: refusal.description)
            case .unknownInitiative: throw ActionFailure(status: .notFound, message: error.description)
            case .storage: throw error
            }
        } catch let refusal as WorkflowRefusal {
            // The buurttoetsing starter checks the transition before it writes the survey file.
            if refusal.isForbidden {
                try await context.database.audit.append(AuditRecord(
                    actor: principal.auditActor, action: .accessRefused, subject: "initiative \(id)",
                    details: ["action": "start_buurttoetsing", "reason": .text(refusal.description)]))
                throw ActionFailure(status: .forbidden, message: refusal.description)
            }
            throw ActionFailure(status: refusal.isWrongState ? .conflict : .unprocessableContent, message: refusal.description)
        } catch let error as BuurttoetsingStarter.StartError {
            throw ActionFailure(status: .unprocessableContent, message: error.description)
        }
    }

    private func detail(_ id: String, principal: StaffPrincipal, message: String?, status: HTTPStatus) async throws -> Response {
        guard let initiative = try await context.database.initiatives.find(id: id) else {
            throw PageError(context, status: .notFound, heading: "Onbekend initiatief", message: "Er is geen initiatief \(id.prefix(40)).")
        }
        var values = try await InitiativeView(context: context).values(initiative)
        let available = Set(InitiativeActionRequest.available(to: Self.actor(principal), on: initiative))
        for name in InitiativeActionRequest.names { values["can_\(name)"] = available.contains(name) }
        values["hasActions"] = !available.isEmpty
        values["defaultCloses"] = CalendarDate.today().adding(days: 21).description
        if let message { values["refusal"] = message }
        if let contact = try await context.database.initiatives.contact(of: id), principal.decisionRole == .buurtcoordinator {
            values["contact"] = ["name": contact.name, "email": contact.email, "phone": contact.phone ?? ""]
        }
        values["budgetEffect"] = try await DecisionQueue(context: context).budgetEffect(initiative)
        values["can_message"] = principal.decisionRole == .buurtcoordinator && principal.wijk == initiative.wijk
        return .html(context.renderer.staffPage("admin-initiative", title: initiative.title, principal: principal, values), status: status)
    }

    /// Wijk-bound officials see their own wijk; everyone else with the permission sees all.
    private func visible(to principal: StaffPrincipal) async throws -> [Initiative] {
        try await context.database.initiatives.list(wijk: principal.role.requiresWijk ? principal.wijk : nil)
    }

    static func actor(_ principal: StaffPrincipal) -> Actor {
        guard let role = principal.decisionRole else { return .staff(name: principal.name) }
        return .official(name: principal.name, role: role, wijk: principal.wijk)
    }

    private func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return .json(Array(try encoder.encode(value)))
    }
}

/// An initiative in the JSON API: the domain value plus its route, without contact data.
struct APIInitiative: Encodable {
    let initiative: Initiative
    init(_ initiative: Initiative) { self.initiative = initiative }
    func encode(to encoder: any Encoder) throws { try initiative.encode(to: encoder) }
}

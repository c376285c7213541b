import Foundation
import Initiatives
import Panel
import MicroHTTP
import Storage

/// The wethouder buurten's budget decisions on a page: half-yearly transfers between wijken and
/// carry-over of what is left to the next year. The command line offers the same (`draagvlak budget`).
struct BudgetStaffRoutes {
    let context: AppContext
    let access: StaffAccess

    func register(in router: inout Router) {
        router.staff(.get, "/admin/budget", access: access) { _, principal in
            page(principal, message: nil, status: .ok)
        }
        router.staff(.post, "/admin/budget", access: access) { request, principal in
            let form = try request.form(limits: FormLimits(maxFields: 20, maxNameBytes: 64, maxValueBytes: 4096)).compactMapValues(\.first)
            let decisions = BudgetDecisions(context: context)
            let year = Int(form["year"] ?? "") ?? CalendarDate.today().year
            let motivation = form["motivation"] ?? ""
            let actor = principal.auditActor
            do {
                switch form["decision"] {
                case "transfer":
                    guard let amount = Cents(euros: form["amount"] ?? ""), amount > .zero else {
                        return page(principal, message: "Vul een bedrag in euro's in.", status: .unprocessableContent)
                    }
                    guard let giver = context.gemeente.canonicalWijk(form["from"] ?? ""), let receiver = context.gemeente.canonicalWijk(form["to"] ?? "") else {
                        return page(principal, message: "Kies twee wijken.", status: .unprocessableContent)
                    }
                    guard let line = BudgetLine(rawValue: form["line"] ?? "") else {
                        return page(principal, message: "Kies subsidie of handgeld.", status: .unprocessableContent)
                    }
                    try await decisions.transfer(amount, line: line, from: giver, to: receiver, year: year, half: Int(form["half"] ?? "") ?? 0,
                                                 motivation: motivation, actor: actor)
                case "carry_over":
                    guard let line = BudgetLine(rawValue: form["line"] ?? ""), line != .investering else {
                        return page(principal, message: "Kies subsidie, handgeld of wijkkansen.", status: .unprocessableContent)
                    }
                    let wijk = line == .wijkkansen ? nil : context.gemeente.canonicalWijk(form["wijk"] ?? "")
                    guard line == .wijkkansen || wijk != nil else { return page(principal, message: "Kies een wijk.", status: .unprocessableContent) }
                    try await decisions.carryOver(line: line, wijk: wijk, from: year, motivation: motivation, actor: actor)
                default:
                    return page(principal, message: "Onbekend besluit.", status: .unprocessableContent)
                }
            } catch {
                return page(principal, message: "\(error)", status: .unprocessableContent)
            }
            return .redirect(to: "/wijken?jaar=\(year)")
        }
    }

    private func page(_ principal: StaffPrincipal, message: String?, status: HTTPStatus) -> Response {
        let values: [String: Any?] = [
            "wijken": context.gemeente.wijken, "year": CalendarDate.today().year, "refusal": message,
        ]
        return .html(context.renderer.staffPage("admin-budget", title: "Budgetbesluiten", principal: principal, values.compactMapValues { $0 }), status: status)
    }
}

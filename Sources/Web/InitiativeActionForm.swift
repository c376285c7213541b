import Foundation
import Initiatives

/// The staff's request for a transition, as a form or JSON sends it: `action` plus the fields that action
/// needs. Parsing is shared by the pages and the API so both speak the same names.
enum InitiativeActionRequest {
    /// What the handler must do: a transition as such, or one of the two that need more than the form.
    enum Parsed {
        case transition(InitiativeAction)
        /// Make the survey, invite the buurt, then transition.
        case startBuurttoetsing(closes: CalendarDate)
        /// Read the draagvlak as it stands, then transition.
        case endBuurttoetsing
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// Every action a form may name, in the order the detail page offers them.
    static let names = [
        "start_review", "record_criteria", "start_buurttoetsing", "skip_buurttoetsing", "end_buurttoetsing", "escalate",
        "authorize_overdraw", "sign", "reject", "withdraw", "start_execution", "account", "close",
    ]

    static func parse(_ fields: [String: String], today: CalendarDate) throws(Invalid) -> Parsed {
        func text(_ name: String, max: Int = 4000) throws(Invalid) -> String {
            let value = (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard value.count <= max else { throw Invalid(description: "'\(name)' mag hoogstens \(max) tekens zijn") }
            return value
        }
        func flag(_ name: String) -> Bool { ["on", "ja", "true", "1"].contains(fields[name] ?? "") }
        let action = fields["action"] ?? fields["_action"] ?? ""
        switch action {
        case "start_review": return .transition(.startReview)
        case "record_criteria":
            return .transition(.recordCriteria(CriteriaCheck(
                residentsInitiated: flag("residents_initiated"), testableSupport: flag("testable_support"),
                complementary: flag("complementary"), ownEffort: flag("own_effort"), fitsWijkThemes: flag("fits_wijk_themes"),
                note: try text("note"))))
        case "start_buurttoetsing":
            let typed = try text("closes", max: 10)
            guard let closes = typed.isEmpty ? today.adding(days: 21) : CalendarDate(typed) else {
                throw Invalid(description: "'closes' moet een datum zijn als 2026-12-31")
            }
            return .startBuurttoetsing(closes: closes)
        case "skip_buurttoetsing": return .transition(.skipBuurttoetsing(motivation: try text("motivation")))
        case "end_buurttoetsing": return .endBuurttoetsing
        case "escalate": return .transition(.escalate(motivation: try text("motivation")))
        case "authorize_overdraw": return .transition(.authorizeOverdraw(motivation: try text("motivation")))
        case "sign":
            let reference = try text("reference", max: 100)
            return .transition(.sign(note: try text("motivation"), reference: reference.isEmpty ? nil : reference))
        case "reject": return .transition(.reject(motivation: try text("motivation")))
        case "withdraw": return .transition(.withdraw(reason: try text("motivation")))
        case "start_execution": return .transition(.startExecution)
        case "account":
            let typed = try text("actual_cost", max: 20)
            guard let cost = Cents(euros: typed) else { throw Invalid(description: "'actual_cost' moet een bedrag in euro's zijn, bijvoorbeeld 1.850,00") }
            return .transition(.account(actualCost: cost, feedback: try text("feedback")))
        case "close": return .transition(.close)
        default:
            throw Invalid(description: "onbekende actie '\(action.prefix(40))'; bekend zijn: \(names.joined(separator: ", "))")
        }
    }

    /// The actions `actor` may take on `initiative` now, found by asking the workflow itself with
    /// placeholder inputs: a refusal for role or state hides the action, a missing input does not.
    static func available(to actor: Actor, on initiative: Initiative) -> [String] {
        let context = Workflow.Context(today: CalendarDate.today(), balance: LineBalance(allocated: Cents(Int64.max / 4)), overdrawApprover: nil)
        let probes: [(String, InitiativeAction)] = [
            ("start_review", .startReview),
            ("record_criteria", .recordCriteria(CriteriaCheck(residentsInitiated: true, testableSupport: true, complementary: true, ownEffort: true, fitsWijkThemes: true, note: ""))),
            ("start_buurttoetsing", .startBuurttoetsing(surveyID: "probe")),
            ("skip_buurttoetsing", .skipBuurttoetsing(motivation: "probe")),
            ("end_buurttoetsing", .endBuurttoetsing(SupportOutcome(verdict: "voldoende", share: nil, lower: nil, upper: nil, respondents: 0, threshold: 0, minN: 0))),
            ("escalate", .escalate(motivation: "probe")),
            ("sign", .sign(note: "probe", reference: "probe")),
            ("reject", .reject(motivation: "probe")),
            ("withdraw", .withdraw(reason: "probe")),
            ("start_execution", .startExecution),
            ("account", .account(actualCost: .zero, feedback: "probe")),
            ("close", .close),
        ]
        var names = probes.compactMap { name, action -> String? in
            do {
                _ = try Workflow.apply(action, by: actor, to: initiative, context: context)
                return name
            } catch let refusal as WorkflowRefusal {
                return refusal.isForbidden || refusal.isWrongState ? nil : name
            } catch {
                return nil
            }
        }
        // Whether an overdraw may be allowed depends on the edition's approver, which the probe does not know.
        if initiative.status == .besluitvorming, actor.role == .teammanager { names.append("authorize_overdraw") }
        return names
    }
}

extension CalendarDate {
    /// The day `days` later.
    func adding(days: Int) -> CalendarDate {
        var date = self
        for _ in 0..<days {
            if date.day < CalendarDate.days(inMonth: date.month, year: date.year) {
                date = CalendarDate(year: date.year, month: date.month, day: date.day + 1)!
            } else if date.month < 12 {
                date = CalendarDate(year: date.year, month: date.month + 1, day: 1)!
            } else {
                date = CalendarDate(year: date.year + 1, month: 1, day: 1)!
            }
        }
        return date
    }
}

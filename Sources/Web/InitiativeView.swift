import Foundation
import Initiatives
import Storage
import Surveys

/// An initiative as people read it, for the owner's status page and the staff pages alike: the state and
/// the next step, who decides and why, the draagvlak as it stands, the decision, and the history.
struct InitiativeView {
    let context: AppContext

    func values(_ initiative: Initiative) async throws -> [String: Any] {
        let route = initiative.route
        let edition = context.rules.editions.first { $0.id == route.edition }
        let optional: [String: Any?] = [
            "id": initiative.id, "title": initiative.title, "summary": initiative.summary, "wijk": initiative.wijk,
            "buurt": initiative.buurt, "requested": initiative.requested.dutch, "own": initiative.ownContribution.dutch,
            "reciprocity": initiative.reciprocity, "theme": initiative.wijkTheme, "r2c": initiative.rightToChallenge,
            "kind": initiative.kind.rawValue, "submittedOn": Self.dutchDate(initiative.submittedOn),
            "status": initiative.status.rawValue, "statusLabel": initiative.status.label, "nextStep": initiative.status.nextStep,
            "band": route.band.rawValue, "edition": route.edition,
            "editionFrom": edition.map { Self.dutchDate($0.effectiveFrom) },
            "deciders": Self.deciders(route), "signatures": route.signatures,
            "line": WijkBudgetRoutes.lineName(route.budgetLine), "ceiling": route.ceiling?.dutch,
            "toetsingRequired": route.buurttoetsingRequired,
            "threshold": ReportCharts.percent(route.threshold), "minN": route.minN,
            "awaited": initiative.awaitedSigner.map(Self.roleName),
            "signed": initiative.signatures.map { ["role": Self.roleName($0.role), "by": $0.by, "on": Self.dutchDate($0.on), "note": $0.note] },
            "escalation": initiative.escalation.map(Self.note),
            "overdraw": initiative.overdraw.map(Self.note),
            "committed": initiative.committed.dutch, "hasCommitment": initiative.committed > .zero,
            "spent": initiative.spent?.dutch, "feedback": initiative.feedback,
            "criteria": initiative.criteria.map(Self.criteria),
            "wijkSlug": WijkBudgetRoutes.slug(initiative.wijk),
        ]
        var values = optional.compactMapValues { $0 }
        if let decision = initiative.decision {
            let shown: [String: Any?] = [
                "approved": decision.outcome == .goedgekeurd, "by": decision.by, "on": Self.dutchDate(decision.on),
                "motivation": decision.motivation, "reference": decision.reference,
            ]
            values["decision"] = shown.compactMapValues { $0 }
        }
        if let support = try await liveSupport(initiative) { values["support"] = support }
        values["history"] = try await context.database.initiatives.events(of: initiative.id).map { event in
            let row: [String: Any?] = [
                "at": Self.dutchDateTime(event.at), "actor": event.actor, "action": Self.actionName(event.action),
                "to": event.to.label, "motivation": event.motivation,
            ]
            return row.compactMapValues { $0 }
        }
        values["messages"] = try await context.database.initiatives.messages(of: initiative.id).map { message in
            ["at": Self.dutchDateTime(message.at), "author": message.author, "body": message.body, "fromOwner": message.fromOwner]
        }
        return values
    }

    /// The draagvlak while the buurttoetsing runs (from the answers so far), else as recorded when it ended.
    func liveSupport(_ initiative: Initiative) async throws -> [String: Any]? {
        if initiative.status == .buurttoetsing, let surveyID = initiative.surveyID,
           let report = try await ResultsReport.current(context, surveyID: surveyID), let draagvlak = report.draagvlak {
            return Self.support(verdict: draagvlak.verdict.rawValue, share: draagvlak.supportShare, interval: draagvlak.ci95,
                                n: draagvlak.n, threshold: draagvlak.threshold, minN: draagvlak.minN, live: true, surveyID: surveyID)
        }
        guard let support = initiative.support else { return nil }
        return Self.support(verdict: support.verdict, share: support.share, interval: support.lower.flatMap { l in support.upper.map { [l, $0] } },
                            n: support.respondents, threshold: support.threshold, minN: support.minN, live: false, surveyID: initiative.surveyID)
    }

    static func support(verdict: String, share: Double?, interval: [Double]?, n: Int, threshold: Double, minN: Int, live: Bool, surveyID: String?) -> [String: Any] {
        let reading: String =
            switch verdict {
            case "voldoende": "Voldoende draagvlak: ook de onderkant van het betrouwbaarheidsinterval ligt op of boven de drempel."
            case "onvoldoende": "Onvoldoende draagvlak: ook de bovenkant van het betrouwbaarheidsinterval ligt onder de drempel."
            case "onbeslist": "Nog onbeslist: de drempel ligt binnen het betrouwbaarheidsinterval."
            default: "Te weinig antwoorden om iets te zeggen: er zijn er minstens \(minN) nodig."
            }
        let values: [String: Any?] = [
            "verdict": verdict, "reading": reading, "live": live, "n": n, "minN": minN, "threshold": ReportCharts.percent(threshold),
            "share": share.map(ReportCharts.percent),
            "interval": interval.flatMap { $0.count == 2 ? "\(ReportCharts.percent($0[0])) – \(ReportCharts.percent($0[1]))" : nil },
            "surveyID": surveyID,
        ]
        return values.compactMapValues { $0 }
    }

    static func deciders(_ route: MandateRoute) -> String {
        let names = route.deciders.map(roleName)
        if route.signatures >= 2 && names.count >= 2 {
            return "\(names[0]) bereidt voor, \(names[1...].joined(separator: " en ")) keurt goed (\(route.signatures) handtekeningen)"
        }
        return names.joined(separator: " met ")
    }

    static func roleName(_ role: Role) -> String {
        switch role {
        case .buurtcoordinator: "de buurtcoördinator"
        case .wijkwethouder: "de wijkwethouder"
        case .teammanager: "de teammanager samenleving"
        case .wethouderBuurten: "de wethouder buurten"
        case .college: "het college van B&W"
        case .gemeenteraad: "de gemeenteraad"
        }
    }

    static func actionName(_ action: String) -> String {
        switch action {
        case "submit": "Ingediend"
        case "start_review": "In behandeling genomen"
        case "record_criteria": "Criteria getoetst"
        case "start_buurttoetsing": "Buurttoetsing gestart"
        case "skip_buurttoetsing": "Verder zonder buurttoetsing"
        case "end_buurttoetsing": "Buurttoetsing afgerond"
        case "escalate": "Voorgelegd aan het college (override)"
        case "authorize_overdraw": "Overschrijding toegestaan"
        case "sign": "Getekend"
        case "reject": "Afgewezen"
        case "withdraw": "Teruggetrokken"
        case "start_execution": "Uitvoering gestart"
        case "account": "Verantwoord"
        case "close": "Afgesloten"
        default: action
        }
    }

    static func note(_ note: Note) -> [String: Any] { ["by": note.by, "on": dutchDate(note.on), "text": note.text] }

    static func criteria(_ check: CriteriaCheck) -> [String: Any] {
        [
            "items": [
                ["label": "Geïnitieerd door bewoners of niet-professionele partners", "met": check.residentsInitiated],
                ["label": "Toetsbaar draagvlak bij meerdere partijen in de buurt", "met": check.testableSupport],
                ["label": "Aanvullend: geen andere financiering, niet strijdig met beleid", "met": check.complementary],
                ["label": "Eigen inzet en wederkerigheid", "met": check.ownEffort],
                ["label": "Past bij de wijkthema's (telt niet als voorwaarde)", "met": check.fitsWijkThemes],
            ],
            "note": check.note,
        ]
    }

    static let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]

    static func dutchDate(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    static func dutchDateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalDateTime.timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(p.day!) \(months[p.month! - 1]) \(p.year!) \(p.hour!):\(p.minute! < 10 ? "0" : "")\(p.minute!)"
    }
}

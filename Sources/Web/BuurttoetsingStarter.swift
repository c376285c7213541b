import Foundation
import Initiatives
import Storage
import Surveys

/// Starting a buurttoetsing: a survey file made from the template with the initiative's buurt (or wijk) as
/// audience and the mandate's threshold, put in force, the initiative moved to `buurttoetsing`, and the
/// panel members of that buurt invited. The file lands in `surveys/`, where staff can still polish it.
struct BuurttoetsingStarter {
    let context: AppContext

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    /// Returns the survey id and how many members were invited.
    func start(_ initiative: Initiative, by actor: Actor, closes: CalendarDate, auditActor: String) async throws -> (surveyID: String, invited: Int) {
        let today = CalendarDate.today()
        guard closes > today else { throw StartError(description: "de sluitdatum moet na vandaag liggen") }
        // Check the transition before writing anything, so a refused start leaves no file behind.
        let check = Workflow.Context(today: today, balance: LineBalance(allocated: .zero), overdrawApprover: nil)
        let surveyID = "buurttoetsing-\(initiative.id.lowercased())"
        _ = try Workflow.apply(.startBuurttoetsing(surveyID: surveyID), by: actor, to: initiative, context: check)

        let path = (context.configuration.surveysDirectory as NSString).appendingPathComponent("\(surveyID).yaml")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StartError(description: "het bestand \(path) bestaat al; verwijder of hernoem het eerst")
        }
        try yaml(initiative, surveyID: surveyID, closes: closes).write(toFile: path, atomically: true, encoding: .utf8)
        let report = try await SurveyLoading.reload(context)
        guard report.inForce.contains(surveyID) else {
            try? FileManager.default.removeItem(atPath: path)
            _ = try? await SurveyLoading.reload(context)
            let problems = report.issues.filter { $0.file.hasSuffix("\(surveyID).yaml") }.map { "\($0.line):\($0.column) \($0.message)" }
            throw StartError(description: "de buurttoetsing kon niet worden gemaakt: \(problems.joined(separator: "; "))")
        }
        do {
            try await context.database.initiatives.apply(.startBuurttoetsing(surveyID: surveyID), by: actor, to: initiative.id, today: today, rules: context.budgetRules, auditActor: auditActor,
                notify: OwnerNotifications(context: context).onChange)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            _ = try? await SurveyLoading.reload(context)
            throw error
        }
        let summary = try await InvitationService(context: context).invite(surveyID: surveyID, audience: .init(), deliverNow: false)
        return (surveyID, summary.invited.count)
    }

    func yaml(_ initiative: Initiative, surveyID: String, closes: CalendarDate) -> String {
        func quoted(_ text: String) -> String {
            // A JSON string is a YAML double-quoted scalar: whatever the owner typed stays text.
            String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        }
        let place = initiative.buurt.map { "de buurt \($0)" } ?? "de wijk \(initiative.wijk)"
        let intro = """
            \(initiative.summary)

            De initiatiefnemers vragen \(initiative.requested.dutch) uit het \(WijkBudgetRoutes.lineName(initiative.route.budgetLine).lowercased()) \
            van \(initiative.wijk). Voordat er een besluit valt, wil de gemeente weten hoe bewoners van \(place) erover denken. \
            Invullen duurt ongeveer drie minuten.
            """
        let feedback = "Hierover beslist \(InitiativeView.deciders(initiative.route)). Op de wijkthermometer van \(initiative.wijk) en in het verloop van het initiatief ziet u wat er met de uitkomst is gedaan."
        let values: [String: Any?] = [
            "surveyID": surveyID, "initiativeID": initiative.id,
            "title": quoted("Buurttoetsing: \(initiative.title)"), "intro": quoted(intro), "feedback": quoted(feedback),
            "buurt": initiative.buurt.map(quoted), "wijk": quoted(initiative.wijk),
            "threshold": String(initiative.route.threshold), "minN": initiative.route.minN, "closes": closes.description,
            "question": quoted("Steunt u het plan \"\(initiative.title)\"?"),
        ]
        return context.renderer.render("buurttoetsing-survey", values.compactMapValues { $0 })
    }
}

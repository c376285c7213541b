import Foundation
import MicroHTTP
import Storage
import SurveyFiles
import Surveys

/// Staff pages and staff API: the survey list, preview, reports, exports, the panel and the outbox,
/// and survey reload. Who may use which is ``StaffRouteTable``; ``StaffAccess`` checks it.
struct StaffRoutes {
    let context: AppContext

    func register(in router: inout Router) {
        let access = StaffAccess(context: context)
        router.staff(.post, "/api/v1/surveys/reload", access: access) { _, _ in
            let report = try await SurveyLoading.reload(context)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let ok = report.issues.isEmpty && report.refused.isEmpty
            return .json(Array(try encoder.encode(report)), status: ok ? .ok : .unprocessableContent)
        }
        router.staff(.get, "/admin/surveys", access: access) { _, principal in
            let items = context.catalog.all.map { ["id": $0.definition.id, "title": $0.definition.title.nl, "kind": $0.definition.kind.rawValue] }
            return .html(context.renderer.staffPage("admin-surveys", title: "Vragenlijsten", principal: principal, ["surveys": items]))
        }
        router.staff(.get, "/admin/panel", access: access) { _, principal in
            let composition = try await PanelComposition.current(context)
            let rows = composition.rows.map { row -> [String: Any] in
                let gap = row.populationShare.map { (row.memberShare - $0) * 100 }
                return ["variable": row.variable, "category": row.category, "members": row.members,
                        "memberShare": Self.percent(row.memberShare), "populationShare": row.populationShare.map(Self.percent) ?? "–",
                        "under": (gap ?? 0) <= -3]
            }
            return .html(context.renderer.staffPage("admin-panel", title: "Samenstelling panel", principal: principal,
                                                    ["rows": rows, "total": composition.total]))
        }
        router.staff(.get, "/admin/outbox", access: access) { _, principal in
            let counts = try await context.database.outbox.statusCounts()
            let failures = try await context.database.outbox.recentFailures(limit: 100).map {
                ["id": $0.id, "kind": $0.kind, "recipient": $0.recipient, "error": $0.error, "attempts": $0.attempts] as [String: Any]
            }
            return .html(context.renderer.staffPage("admin-outbox", title: "Uitgaande post", principal: principal, [
                "queued": counts["queued"] ?? 0, "sending": counts["sending"] ?? 0, "sent": counts["sent"] ?? 0,
                "failed": counts["failed"] ?? 0, "failures": failures, "hasFailures": !failures.isEmpty,
            ]))
        }
        router.staff(.get, "/admin/surveys/:id/report", access: access) { request, _ in
            guard let html = try await ReportPage.html(context, surveyID: request.pathParameters["id"] ?? "") else {
                throw RequestError(status: .notFound, message: "no such survey")
            }
            return .html(html)
        }
        router.staff(.get, "/admin/surveys/:id/export/:format", access: access) { request, _ in
            let id = request.pathParameters["id"] ?? ""
            guard let format = ResponseExports.Format(rawValue: request.pathParameters["format"] ?? ""),
                let bytes = try await ResponseExports.export(context, surveyID: id, format: format)
            else { throw RequestError(status: .notFound, message: "no such survey or format") }
            var response = Response(body: bytes)
            response.headers["Content-Type"] = format == .csv ? "text/csv; charset=utf-8" : "application/x-spss-sav"
            response.headers["Content-Disposition"] = "attachment; filename=\"\(id)-antwoorden.\(format.rawValue)\""
            response.headers["Cache-Control"] = "no-store"
            return response
        }
        router.staff(.get, "/admin/surveys/:id/preview", access: access) { request, principal in try await preview(request, principal) }
        router.staff(.post, "/admin/surveys/:id/preview", access: access) { request, principal in try await preview(request, principal) }
    }

    /// Renders a survey straight from its file, also a draft with errors (shown above the version in
    /// force, if any). Answers posted here are validated and shown, never stored.
    private func preview(_ request: Request, _ principal: StaffPrincipal) async throws -> Response {
        let id = request.pathParameters["id"] ?? ""
        guard Self.isSurveyID(id) else { throw RequestError(status: .notFound, message: "no such survey") }
        let folder = context.configuration.surveysDirectory
        let file = ["yaml", "yml"].map { "\(folder)/\(id).\($0)" }.first { FileManager.default.fileExists(atPath: $0) }
        var draftIssues: [SurveyFileIssue] = []
        var definition: SurveyDefinition?
        if let file {
            do { definition = try SurveyFileLoader.load(path: file) } catch { draftIssues = error.issues }
        }
        if definition == nil { definition = context.catalog[id]?.definition }
        guard let definition else {
            guard !draftIssues.isEmpty else { throw RequestError(status: .notFound, message: "no survey file \(id).yaml in \(folder)") }
            // A draft with errors and no good version: the errors are the whole preview.
            return .html(context.renderer.page("admin-draft-errors", title: "Voorbeeld \(id)", language: "nl",
                                               ["id": id, "issues": draftIssues.map(\.description)]))
        }

        let preview = Preview(
            issues: draftIssues.map(\.description),
            note: draftIssues.isEmpty ? nil : "Hieronder staat de versie die nu geldt.",
            csrfToken: principal.csrfToken)
        let pages = SurveyPages(context: context)
        let path = request.path
        if request.method == .post {
            let fields = try request.form()
            let language = PageLanguage.choose(explicit: fields["_lang"]?.first, member: nil)
            switch pages.step(definition, fields: fields, language: language, actionPath: path, preview: preview) {
            case .page(let page):
                return page
            case .complete(let answers):
                let stored = answers.values.sorted { $0.key < $1.key }.map { ["question": $0.key, "values": $0.value.joined(separator: ", ")] }
                return .html(context.renderer.page("admin-preview-done", title: "Voorbeeld", language: "nl",
                                                   ["id": id, "answers": stored, "back": path]))
            }
        }
        let language = PageLanguage.choose(explicit: try request.query()["lang"]?.first, member: nil)
        var model = SurveyFormModel(definition: definition, language: language, page: PageFlow(definition: definition).first(given: Answers()),
                                    entered: Answers(), errors: [], alreadyAnswered: false, actionPath: path)
        model.preview = preview
        return pages.form(model, request: request)
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10)%"
    }

    static func isSurveyID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 80 && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Sends a browser elsewhere (e.g. to the login page) from deep inside a handler.
struct RedirectError: HTTPResponseError {
    let location: String
    func response() -> Response { .redirect(to: location) }
}

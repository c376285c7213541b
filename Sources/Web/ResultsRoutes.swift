import MicroHTTP
import Storage

/// `GET /api/v1/surveys/{id}/results`: the results JSON, for staff scripts with an API token.
struct ResultsRoutes {
    let context: AppContext

    func register(in router: inout Router) {
        router.staff(.get, "/api/v1/surveys/:id/results", access: StaffAccess(context: context)) { request, _ in
            let id = request.pathParameters["id"] ?? ""
            guard let report = try await ResultsReport.current(context, surveyID: id) else {
                throw APIError(status: .notFound, message: "no survey with id '\(id)'")
            }
            return .json(report.json())
        }
    }
}

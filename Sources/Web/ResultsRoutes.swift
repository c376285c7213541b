import MicroHTTP
import Storage

/// `GET /api/v1/surveys/{id}/results`: the results JSON, for staff scripts with an API token.
struct ResultsRoutes {
    let context: AppContext
    /// Results are computed one at a time: each holds every respondent with their weights (megabytes
    /// for 3,000), and the cores are busy anyway, so computing them side by side only multiplies memory.
    let computing = OneAtATime()

    func register(in router: inout Router) {
        router.staff(.get, "/api/v1/surveys/:id/results", access: StaffAccess(context: context)) { request, _ in
            let id = request.pathParameters["id"] ?? ""
            guard let json = try await computing.run({ try await ResultsReport.currentJSON(context, surveyID: id) }) else {
                throw APIError(status: .notFound, message: "no survey with id '\(id)'")
            }
            return .json(json)
        }
    }
}

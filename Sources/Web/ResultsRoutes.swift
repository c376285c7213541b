import MicroHTTP
import Storage

/// `GET /api/v1/surveys/{id}/results`: the results JSON, for staff scripts with an API token.
struct ResultsRoutes {
    let context: AppContext
    /// Results are computed one at a time: each holds every respondent with their weights (megabytes
    /// for 3,000), and the cores are busy anyway, so computing them side by side only multiplies memory.
    let computing = OneAtATime()

    func register(in router: inout Router) {
        router.get("/api/v1/surveys/:id/results") { request in
            let role = try await StaffAuthentication(context: context).role(of: request)
            guard role.mayReadResults else { throw APIError(status: .forbidden, message: "this token may not read results") }
            let id = request.pathParameters["id"] ?? ""
            guard let report = try await computing.run({ try await ResultsReport.current(context, surveyID: id) }) else {
                throw APIError(status: .notFound, message: "no survey with id '\(id)'")
            }
            return .json(report.json())
        }
    }
}

/// Who is calling the API: a bearer token looked up by digest. 401 without a valid token.
struct StaffAuthentication {
    let context: AppContext

    func role(of request: Request) async throws -> StaffRole {
        guard let token = request.bearerToken else {
            throw APIError(status: .unauthorized, message: "send an API token as 'Authorization: Bearer <token>'")
        }
        guard let stored = try await context.database.apiTokens.role(of: token), let role = StaffRole(rawValue: stored) else {
            throw APIError(status: .unauthorized, message: "the API token is not valid")
        }
        return role
    }
}

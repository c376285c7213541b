import Foundation
import MicroHTTP

/// A monitor's trend over its waves, for staff: the page and the same figures as JSON.
struct SeriesRoutes {
    let context: AppContext
    let access: StaffAccess

    func register(in router: inout Router) {
        router.staff(.get, "/admin/series/:id/trend", access: access) { request, _ in
            guard let trend = try await SeriesTrend.load(context, series: request.pathParameters["id"] ?? "") else {
                throw PageError(context, status: .notFound, heading: "Onbekende reeks", message: "Er is geen vragenlijst die een golf van deze reeks is.")
            }
            return .html(trend.html(context))
        }
        router.staff(.get, "/api/v1/series/:id/trend", access: access) { request, _ in
            guard let trend = try await SeriesTrend.load(context, series: request.pathParameters["id"] ?? "") else {
                throw APIError(status: .notFound, message: "no loaded survey is a wave of this series")
            }
            return .json(trend.json())
        }
    }
}

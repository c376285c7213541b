import MicroHTTP

/// A staff route and the permission it needs.
public struct ProtectedRoute: Hashable, Sendable, CustomStringConvertible {
    public let method: HTTPMethod
    public let pattern: String
    public let permission: StaffPermission

    public init(_ method: HTTPMethod, _ pattern: String, _ permission: StaffPermission) {
        self.method = method
        self.pattern = pattern
        self.permission = permission
    }

    public var description: String { "\(method) \(pattern)" }
}

/// Every staff route that needs a permission, in one list: ``Router/staff(_:_:access:_:)`` takes the
/// permission from here, and the authorization tests walk it against every role. A new staff route
/// gets its line here first. (The staff home page, login and logout need a signed-in user only.)
public enum StaffRouteTable {
    public static let routes: [ProtectedRoute] = [
        ProtectedRoute(.get, "/admin/surveys", .manageSurveys),
        ProtectedRoute(.get, "/admin/surveys/:id/preview", .manageSurveys),
        ProtectedRoute(.post, "/admin/surveys/:id/preview", .manageSurveys),
        ProtectedRoute(.get, "/admin/surveys/:id/report", .readResults),
        ProtectedRoute(.get, "/admin/surveys/:id/export/:format", .exportResponses),
        ProtectedRoute(.get, "/admin/panel", .managePanel),
        ProtectedRoute(.get, "/admin/outbox", .managePanel),
        ProtectedRoute(.get, "/api/v1/surveys/:id/results", .readResults),
        ProtectedRoute(.post, "/api/v1/surveys/reload", .reloadSurveys),
        ProtectedRoute(.get, "/admin/initiatieven", .decideInitiative),
        ProtectedRoute(.get, "/admin/initiatieven/:id", .decideInitiative),
        ProtectedRoute(.post, "/admin/initiatieven/:id", .decideInitiative),
        ProtectedRoute(.get, "/admin/beslissen", .decideInitiative),
        ProtectedRoute(.get, "/api/v1/initiatives", .decideInitiative),
        ProtectedRoute(.get, "/api/v1/initiatives/:id", .decideInitiative),
        ProtectedRoute(.post, "/api/v1/initiatives/:id/actions", .decideInitiative),
        ProtectedRoute(.get, "/admin/series/:id/trend", .readResults),
        ProtectedRoute(.get, "/api/v1/series/:id/trend", .readResults),
        ProtectedRoute(.get, "/admin/budget", .decideBudget),
        ProtectedRoute(.post, "/admin/budget", .decideBudget),
    ]

    public static func permission(_ method: HTTPMethod, _ pattern: String) -> StaffPermission? {
        routes.first { $0.method == method && $0.pattern == pattern }?.permission
    }
}

extension Router {
    /// Adds a staff route: `handler` runs only for a principal whose role has the permission the
    /// route has in ``StaffRouteTable`` (and, from a browser, with the right CSRF token).
    mutating func staff(
        _ method: HTTPMethod, _ pattern: String, access: StaffAccess,
        _ handler: @escaping @Sendable (Request, StaffPrincipal) async throws -> Response
    ) {
        guard let permission = StaffRouteTable.permission(method, pattern) else {
            preconditionFailure("\(method) \(pattern) has no line in StaffRouteTable; add one with the permission it needs")
        }
        add(method, pattern) { request in try await handler(request, try await access.require(permission, request)) }
    }
}

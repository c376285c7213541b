import Initiatives
import MicroHTTP

/// `GET /api/v1/mandate/route?amount=&wijk=&date=&kind=`: where a request goes under the rules in
/// force on its submission date, as `draagvlak mandate route` prints it. For staff scripts with an
/// API token; 400 for a malformed question, 422 when no band allows the request.
struct MandateRoutes {
    let context: AppContext

    static let parameters: Set<String> = ["amount", "wijk", "date", "kind"]

    func register(in router: inout Router) {
        router.get("/api/v1/mandate/route") { request in
            _ = try await StaffAccess(context: context).requireSignedIn(request)
            let query = try Self.query(of: request)
            do throws(MandateError) {
                return .json(MandateQuery.json(try query.route(in: context.rules)) + [10])
            } catch {
                throw APIError(status: error.isInvalidRequest ? .badRequest : .unprocessableContent, message: error.description)
            }
        }
    }

    private static func query(of request: Request) throws(APIError) -> MandateQuery {
        let parameters: [String: [String]]
        do { parameters = try request.query(limits: FormLimits(maxFields: 8, maxNameBytes: 16, maxValueBytes: 256)) } catch {
            throw APIError(status: .badRequest, message: error.message)
        }
        for (name, values) in parameters.sorted(by: { $0.key < $1.key }) {
            guard Self.parameters.contains(name) else {
                throw APIError(status: .badRequest, message: "unknown parameter '\(name)'; use amount, wijk, date and kind")
            }
            guard values.count == 1 else { throw APIError(status: .badRequest, message: "give '\(name)' once") }
        }
        do {
            return try MandateQuery(
                amount: parameters["amount"]?.first, wijk: parameters["wijk"]?.first, date: parameters["date"]?.first,
                kind: parameters["kind"]?.first)
        } catch {
            throw APIError(status: .badRequest, message: error.message)
        }
    }
}

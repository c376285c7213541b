import Foundation
import MicroHTTP

/// A page for people: rendered once at start, answered with its status. Used for the plain 404 that
/// unknown, revoked and malformed links all get alike, so a visitor learns nothing about which.
struct PageError: HTTPResponseError {
    let status: HTTPStatus
    let html: String
    func response() -> Response { .html(html, status: status) }
}

/// An error for scripts: `{"error": "…"}` with its status.
struct APIError: HTTPResponseError {
    let status: HTTPStatus
    let message: String

    func response() -> Response {
        var response = Response.json(Array((try? JSONSerialization.data(withJSONObject: ["error": message], options: [.sortedKeys])) ?? Data()), status: status)
        if status == .unauthorized { response.headers["WWW-Authenticate"] = "Bearer realm=\"draagvlak\"" }
        return response
    }
}

extension PageError {
    /// A page in the site's layout saying what went wrong, with its status.
    init(_ context: AppContext, status: HTTPStatus, heading: String, message: String) {
        self.init(status: status, html: context.renderer.page("message", title: heading, language: "nl", ["heading": heading, "message": message]))
    }
}

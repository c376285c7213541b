import Foundation
import Logging
import MicroHTTP
import Storage

/// When the database takes no writes at all (disk full, read-only, disk errors), answers 503 with a page
/// that tells people their input was not stored and to try again later, instead of a bare 500; the
/// operator gets one log line saying what could not be written and why. SQLite rolled the transaction
/// back, so there is nothing half-written to clean up, and the next request after the disk is fixed
/// simply works. Every other error passes through untouched.
struct StorageTroubleMiddleware: Middleware {
    let context: AppContext
    /// Where residents post their answers; they get the page about their answers in their language.
    let answeringRoutes = [PathPattern("/s/:token"), PathPattern("/c/:code")]
    static let retryAfterSeconds = 60

    func handle(_ request: Request, next: any HTTPResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            guard let failure = Self.unavailableStorage(in: error), let unavailability = failure.unavailability else { throw error }
            context.logger.error("storage unavailable (\(unavailability.rawValue)): \(failure); answered 503 to a \(request.method) request")
            var response = self.response(to: request, unavailability)
            response.headers["Retry-After"] = String(Self.retryAfterSeconds)
            return response
        }
    }

    private func response(to request: Request, _ unavailability: StorageUnavailability) -> Response {
        if request.path.hasPrefix("/api/") {
            return APIError(status: .serviceUnavailable, message: "storage unavailable (\(unavailability.rawValue)): nothing was stored; try again later").response()
        }
        if request.method == .post, answeringRoutes.contains(where: { $0.match(request.path) != nil }) {
            let language = (try? request.form()["_lang"]?.first) == "en" ? "en" : "nl"
            let text = UIText.strings(language)
            return .html(context.renderer.page("message", title: text["notStoredTitle"]!, language: language, [
                "heading": text["notStoredTitle"]!, "message": text["notStoredMessage"]!,
                "link": ["href": "\(request.path)?lang=\(language)", "label": text["notStoredBack"]!],
            ]), status: .serviceUnavailable)
        }
        return .html(context.renderer.page("message", title: "Opslaan lukt nu niet", language: "nl", [
            "heading": "Opslaan lukt nu niet",
            "message": "We konden uw gegevens niet opslaan, probeer het later opnieuw. Er is niets van bewaard, ook niet half.",
        ]), status: .serviceUnavailable)
    }

    /// The storage error behind `error` when it says the database takes no writes, looking inside the
    /// errors that carry one.
    static func unavailableStorage(in error: any Error) -> StorageError? {
        let storage: StorageError? =
            switch error {
            case let error as StorageError: error
            case InitiativeRepository.TransitionError.storage(let error): error
            default: nil
            }
        return storage?.unavailability == nil ? nil : storage
    }
}

import Foundation
import Initiatives
import MicroHTTP
import Storage
import Synchronization
import Testing
@testable import Web

/// The answer people get when the database takes no writes: a 503 page that says their input was not
/// stored (about their answers, in their language, on the answering pages), JSON for the API, a log
/// line for the operator, and every other error left alone.
@Suite struct StorageTroubleTests {
    static let diskFull = StorageError(operation: "store a response to fietsenstalling", reason: "13 (database or disk is full): database or disk is full", unavailability: .diskFull)

    func respond(_ app: RunningApp, _ method: HTTPMethod, _ target: String, body: String = "", throwing error: any Error) async throws -> Response {
        let request = try Request(method: method, target: target, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(body.utf8))
        return try await StorageTroubleMiddleware(context: app.server.context).handle(request, next: ClosureResponder { _ in throw error })
    }

    @Test func aRefusedAnswerGetsA503PageSayingNothingWasStoredAndTheOperatorALogLine() async throws {
        let recorded = RecordedLog()
        try await withApp(logger: recorded.logger) { app in
            let token = app.tokens["nl1"]!
            let response = try await respond(app, .post, "/s/\(token)", body: "steun=4&_lang=nl", throwing: Self.diskFull)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers["Retry-After"] == "60")
            let html = String(decoding: response.body, as: UTF8.self)
            #expect(html.contains("We konden uw antwoorden niet opslaan, probeer het later opnieuw."))
            #expect(html.contains("<html lang=\"nl\">") && html.contains("href=\"/s/\(token)?lang=nl\""))
            let line = try #require(recorded.lines.withLock { $0 }.first { $0.contains("storage unavailable") })
            #expect(line == "storage unavailable (disk full): could not store a response to fietsenstalling: 13 (database or disk is full): database or disk is full; answered 503 to a POST request")
            #expect(!line.contains(token), "the log line holds no personal link")
        }
    }

    @Test func inEnglishForThoseWhoAnswerInEnglishAndForLetters() async throws {
        try await withApp { app in
            let english = try await respond(app, .post, "/s/\(app.tokens["en1"]!)", body: "steun=4&_lang=en", throwing: Self.diskFull)
            #expect(String(decoding: english.body, as: UTF8.self).contains("We could not save your answers, please try again later."))
            let letter = try await respond(app, .post, "/c/ABCD-EFGH-JKLM", body: "steun=4", throwing: Self.diskFull)
            #expect(letter.status == .serviceUnavailable)
            #expect(String(decoding: letter.body, as: UTF8.self).contains("We konden uw antwoorden niet opslaan"))
        }
    }

    @Test func otherPagesSayNothingWasStoredAndTheAPIAnswersJSON() async throws {
        try await withApp { app in
            let page = try await respond(app, .post, "/initiatieven/nieuw", throwing: Self.diskFull)
            #expect(page.status == .serviceUnavailable && page.isHTML)
            #expect(String(decoding: page.body, as: UTF8.self).contains("We konden uw gegevens niet opslaan, probeer het later opnieuw."))

            let readOnly = InitiativeRepository.TransitionError.storage(
                StorageError(operation: "apply 'sign' to INI-2026-001", reason: "SQLITE_READONLY: attempt to write a readonly database", unavailability: .readOnly))
            let api = try await respond(app, .post, "/api/v1/initiatives/INI-2026-001/actions", throwing: readOnly)
            #expect(api.status == .serviceUnavailable && api.headers["Retry-After"] == "60")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body)) as? [String: String])
            #expect(json["error"] == "storage unavailable (read-only): nothing was stored; try again later")
        }
    }

    @Test func otherErrorsPassThroughUntouched() async throws {
        try await withApp { app in
            let ordinary = StorageError(operation: "read a response", reason: "SQLITE_CORRUPT: database disk image is malformed")
            await #expect(throws: StorageError.self) { try await respond(app, .get, "/", throwing: ordinary) }
            await #expect(throws: APIError.self) { try await respond(app, .get, "/api/v1/initiatives", throwing: APIError(status: .notFound, message: "no")) }
        }
    }
}

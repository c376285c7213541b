import Storage
import Logging
import Logging
import MicroHTTP

/// The running product: the HTTP server wired to the application. `start` builds everything,
/// `stop` stops accepting, finishes requests in flight and closes the database.
public final class DraagvlakServer: Sendable {
    public let context: AppContext
    public let http: HTTPServer

    public init(context: AppContext) throws(ServerError) {
        self.context = context
        let configuration = context.configuration
        http = try HTTPServer(
            configuration: ServerConfiguration(
                host: configuration.host, port: configuration.port, threadPoolSize: configuration.threadPoolSize,
                maxBodyBytes: configuration.maxBodyBytes),
            responder: Self.responder(context), logger: context.logger)
    }

    /// All routes behind the middleware every request passes.
    public static func responder(_ context: AppContext) -> any HTTPResponder {
        let renderer = context.renderer
        let notFoundHTML = renderer.page("message", title: "Pagina niet gevonden", language: "nl", [
            "heading": "Deze pagina bestaat niet",
            "message": "Misschien is de link niet helemaal goed overgenomen, of is hij niet meer geldig. Kopieer de link uit uw e-mail of brief opnieuw. Lukt het niet, neem dan contact op met de gemeente.",
        ])
        let notFound = PageError(status: .notFound, html: notFoundHTML)
        var router = Router()
        router.notFound = ClosureResponder { _ in notFound.response() }
        router.get("/") { _ in
            .html(renderer.page("home", title: "Burgerpanel \(context.configuration.municipality)", language: "nl",
                                ["municipality": context.configuration.municipality]))
        }
        router.get("/healthz") { _ in .text("ok\n") }
        AnsweringRoutes(context: context, notFound: notFound).register(in: &router)
        ResultsRoutes(context: context).register(in: &router)
        StaffRoutes(context: context).register(in: &router)
        StaticFiles(directory: context.configuration.staticDirectory).register(in: &router)
        return MiddlewareChain(
            [AccessLogMiddleware(logger: context.logger, secretPatterns: ["/s/:token", "/s/:token/*"]), SecurityHeadersMiddleware()],
            responder: router)
    }

    public var port: UInt16 { http.port }

    /// Blocks until in-flight requests are done; call from a thread outside the cooperative pool
    /// (a signal handler's queue), or use ``stop()``.
    public func shutdown() {
        http.shutdown()
        closeDatabase()
    }

    public func stop() async {
        await http.stop()
        closeDatabase()
    }

    private func closeDatabase() {
        do { try context.database.close() } catch { context.logger.error("\(error)") }
    }
}

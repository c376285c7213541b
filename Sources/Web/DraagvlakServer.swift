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
                connectionTimeoutSeconds: configuration.connectionTimeoutSeconds, maxBodyBytes: configuration.maxBodyBytes,
                maxConnectionsPerClient: configuration.maxConnectionsPerClient),
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
        AnsweringRoutes.panel(context: context, notFound: notFound).register(in: &router)
        LetterRoutes(context: context).register(in: &router)
        MemberRightsRoutes(context: context, notFound: notFound).register(in: &router)
        MyPanelRoutes(context: context, notFound: notFound).register(in: &router)
        SignUpRoutes(context: context, limiter: signUpLimiter(context.configuration)).register(in: &router)
        PublicResultsRoutes(context: context, notFound: notFound).register(in: &router)
        ResultsRoutes(context: context).register(in: &router)
        MandateRoutes(context: context).register(in: &router)
        StaffLoginRoutes(context: context).register(in: &router)
        StaffRoutes(context: context).register(in: &router)
        let access = StaffAccess(context: context)
        InitiativeRoutes(context: context, notFound: notFound).register(in: &router)
        InitiativeStaffRoutes(context: context, access: access).register(in: &router)
        BudgetStaffRoutes(context: context, access: access).register(in: &router)
        SeriesRoutes(context: context, access: access).register(in: &router)
        WijkBudgetRoutes(context: context, notFound: notFound).register(in: &router)
        StaticFiles(directory: context.configuration.staticDirectory).register(in: &router)
        return MiddlewareChain(
            [AccessLogMiddleware(logger: context.logger, secretPatterns: secretPaths, secretParameters: ["token", "code"]),
             SecurityHeadersMiddleware(), StorageTroubleMiddleware(context: context)],
            responder: router)
    }

    /// Paths that carry a personal link's token or a letter's code, which the access log leaves out.
    static let secretPaths = ["/s/:token", "/s/:token/*", "/c/:code", "/c/:code/*", "/i/:token", "/i/:token/*",
                              "/panel/bevestigen/:token", "/panel/aanmelden/:code"]

    /// Sign-ups per client address: `signup_limit_per_hour` at once, earned back evenly over the hour.
    static func signUpLimiter(_ configuration: AppConfiguration) -> ClientRateLimiter {
        let perHour = max(1, configuration.signupLimitPerHour)
        return ClientRateLimiter(policy: .init(burst: perHour, refillInterval: .seconds(3600) / perHour))
    }

    public var port: UInt16 { http.port }

    /// Delivers the outbox in the background every few seconds until stopped. Messages a crash left
    /// half-sent are marked failed first, never sent again.
    public func startOutboxDelivery(every interval: Duration = .seconds(2)) -> Task<Void, Never> {
        let context = self.context
        return Task {
            do {
                let interrupted = try await context.database.outbox.recoverInterrupted()
                if interrupted > 0 { context.logger.warning("outbox: \(interrupted) message(s) were interrupted during delivery; marked failed") }
            } catch { context.logger.error("outbox: \(error)") }
            let delivery = context.outboxDelivery()
            while !Task.isCancelled {
                do {
                    let summary = try await delivery.deliverDue()
                    if summary.sent + summary.failed + summary.retrying > 0 {
                        context.logger.info("outbox: \(summary.sent) sent, \(summary.retrying) to retry, \(summary.failed) failed")
                    }
                } catch { context.logger.error("outbox: \(error)") }
                try? await Task.sleep(for: interval)
            }
        }
    }

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

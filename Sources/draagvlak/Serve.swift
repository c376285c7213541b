import Storage
import Logging
import ArgumentParser
import Dispatch
import Foundation
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server until SIGTERM or SIGINT; SIGHUP reloads the survey files.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Port to listen on (0 picks a free one).") var port: Int?
    @Option(help: "Address to listen on.") var host: String?
    @Option(name: .customLong("public-url"), help: "Address residents use; personal links start with it.") var publicURL: String?

    func run() async throws {
        // Each log line's timestamp makes glibc stat /etc/localtime again unless TZ is set; naming
        // the same file keeps the time zone and saves a system call per request.
        setenv("TZ", ":/etc/localtime", 0)
        var overrides: [String: String] = [:]
        if let port { overrides["port"] = String(port) }
        if let host { overrides["host"] = host }
        if let publicURL { overrides["public_url"] = publicURL }
        let context = try await global.openContext(overrides: overrides)
        try await Self.serve(context)
    }

    private static func serve(_ context: AppContext) async throws {
        // Signals are caught before anyone can learn the server is up; a stop sent right after the
        // "listening" line must not be lost.
        let watcher = SignalWatcher()
        let server = try startServer(context)
        let logger = GlobalOptions.logger
        logger.notice("listening on http://\(context.configuration.host):\(server.port) (public address \(context.configuration.publicURL))")
        // Scripts wait for this exact line to know the server is up and which port it took.
        FileHandle.standardOutput.write(Data("draagvlak: listening on port \(server.port)\n".utf8))
        let outbox = server.startOutboxDelivery()
        let waves = server.startWaveSchedule(every: .seconds(max(1, context.configuration.waveCheckSeconds)))
        await waitForStop(server, outbox: outbox, waves: waves, watcher: watcher)
    }

    private static func startServer(_ context: AppContext) throws -> DraagvlakServer {
        do { return try DraagvlakServer(context: context) } catch { throw CommandFailure("\(error)") }
    }

    /// A failed reload keeps the surveys in force; the error is in the log.
    private static func reload(_ context: AppContext) async {
        do { try await SurveyLoading.reload(context) } catch { GlobalOptions.logger.error("reload failed: \(error)") }
    }

    private static func waitForStop(_ server: DraagvlakServer, outbox: Task<Void, Never>, waves: Task<Void, Never>, watcher: SignalWatcher) async {
        for await event in watcher.events {
            switch event {
            case .reload:
                await reload(server.context)
            case .stop(let signal):
                GlobalOptions.logger.notice("signal \(signal): stopping; finishing requests in flight")
                outbox.cancel()
                waves.cancel()
                await outbox.value
                await waves.value
                await server.stop()
                GlobalOptions.logger.notice("stopped; database closed")
                return
            }
        }
    }
}

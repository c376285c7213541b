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
        var overrides: [String: String] = [:]
        if let port { overrides["port"] = String(port) }
        if let host { overrides["host"] = host }
        if let publicURL { overrides["public_url"] = publicURL }
        let context = try await global.openContext(overrides: overrides)
        let server: DraagvlakServer
        do { server = try DraagvlakServer(context: context) } catch { throw CommandFailure("\(error)") }
        let logger = GlobalOptions.logger
        logger.notice("listening on http://\(context.configuration.host):\(server.port) (public address \(context.configuration.publicURL))")
        // Scripts wait for this exact line to know the server is up and which port it took.
        FileHandle.standardOutput.write(Data("draagvlak: listening on port \(server.port)\n".utf8))

        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let signals = DispatchQueue(label: "draagvlak.signals")
            var sources: [any DispatchSourceSignal] = []
            for signalNumber in [SIGTERM, SIGINT] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: signals)
                source.setEventHandler {
                    logger.notice("signal \(signalNumber): stopping; finishing requests in flight")
                    sources.forEach { $0.cancel() }
                    server.shutdown()
                    logger.notice("stopped; database closed")
                    finished.resume()
                }
                source.resume()
                sources.append(source)
            }
            signal(SIGHUP, SIG_IGN)
            let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: signals)
            reload.setEventHandler {
                Task {
                    do { try await SurveyLoading.reload(context) } catch { logger.error("reload failed: \(error)") }
                }
            }
            reload.resume()
            sources.append(reload)
        }
    }
}

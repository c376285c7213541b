import Dispatch
import Foundation

/// Turns SIGTERM/SIGINT and SIGHUP into values on a stream, handled by dispatch sources on a queue of
/// their own (never in a signal handler, where almost nothing is safe to do).
final class SignalWatcher {
    enum Event: Sendable {
        case stop(signal: Int32)
        case reload
    }

    let events: AsyncStream<Event>
    private let sources: [any DispatchSourceSignal]

    init() {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        self.events = events
        let queue = DispatchQueue(label: "draagvlak.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, event) in [(SIGTERM, Event.stop(signal: SIGTERM)), (SIGINT, .stop(signal: SIGINT)), (SIGHUP, .reload)] {
            // Ignore the default action (terminate) so only the dispatch source sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(event) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    deinit { sources.forEach { $0.cancel() } }
}

import Storage
import Surveys
import Synchronization

/// The survey definitions the server is running, by id, each with the hash of its version.
public final class SurveyCatalog: Sendable {
    public struct Entry: Sendable, Hashable {
        public let definition: SurveyDefinition
        public let hash: String
        /// The definition's opening window, worked out once.
        public let window: OpeningWindow

        public init(definition: SurveyDefinition, hash: String) {
            self.definition = definition
            self.hash = hash
            self.window = definition.window
        }
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    public func replace(with newEntries: [Entry]) {
        entries.withLock { $0 = Dictionary(newEntries.map { ($0.definition.id, $0) }, uniquingKeysWith: { _, last in last }) }
    }

    public subscript(id: String) -> Entry? { entries.withLock { $0[id] } }

    public var all: [Entry] { entries.withLock { $0.values.sorted { $0.definition.id < $1.definition.id } } }
}

import Foundation

/// The default delivery: each message becomes one `.eml` file in a folder, which works without any
/// mail server and which any mail program opens. Files appear atomically (written, then renamed), so
/// a reader never sees half a message.
public struct EmlFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public struct DeliveryError: Error, CustomStringConvertible, Sendable {
        public let file: String
        public let reason: String
        public var description: String { "could not write \(file): \(reason)" }
    }

    /// Writes the message and returns the file's path; see `write(_:fileStem:)` for the rules.
    public func deliver(_ message: EmailMessage, messageID: String, fileStem: String) throws(DeliveryError) -> String {
        try write(message.rendered(messageID: messageID), fileStem: fileStem)
    }
}

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

    /// Writes the message and returns the file's path.
    public func deliver(_ message: EmailMessage, messageID: String, fileStem: String) throws(DeliveryError) -> String {
        let safeStem = String(fileStem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(100))
        let final = (path as NSString).appendingPathComponent("\(safeStem).eml")
        let temporary = (path as NSString).appendingPathComponent(".\(safeStem).eml.tmp")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data(message.rendered(messageID: messageID).utf8).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
            try FileManager.default.moveItem(atPath: temporary, toPath: final)
        } catch {
            throw DeliveryError(file: final, reason: error.localizedDescription)
        }
        return final
    }
}

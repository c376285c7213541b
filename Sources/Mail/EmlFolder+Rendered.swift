import Foundation

extension EmlFolder {
    /// Writes an already rendered message as `<fileStem>.eml`, atomically, and returns its path.
    public func write(_ rendered: String, fileStem: String) throws(DeliveryError) -> String {
        let safeStem = String(fileStem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(100))
        let final = (path as NSString).appendingPathComponent("\(safeStem).eml")
        let temporary = (path as NSString).appendingPathComponent(".\(safeStem).eml.tmp")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
            try FileManager.default.moveItem(atPath: temporary, toPath: final)
        } catch {
            throw DeliveryError(file: final, reason: error.localizedDescription)
        }
        return final
    }
}

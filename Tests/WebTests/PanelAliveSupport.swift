import Foundation
import Storage
import Testing
@testable import Web

/// Mail as the recipient would read it: delivered to the app's `.eml` folder, then decoded.
struct DeliveredMail {
    let to: String
    let subject: String
    /// The whole message with quoted-printable undone (text and HTML parts).
    let body: String

    /// The first link in the body that starts with `prefix` (base64url token characters after it).
    func link(after prefix: String) -> String? {
        guard let start = body.range(of: prefix) else { return nil }
        let rest = body[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return prefix + rest
    }
}

extension RunningApp {
    /// Delivers whatever is queued and returns every message written to the outbox folder so far,
    /// oldest first.
    func deliveredMail() async throws -> [DeliveredMail] {
        _ = try await server.context.outboxDelivery().deliverDue()
        let folder = server.context.configuration.outboxDirectory
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }
        return try files.sorted { number($0) < number($1) }.map { name in
            let raw = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let header = { (field: String) in
                raw.components(separatedBy: "\r\n").first { $0.hasPrefix(field + ": ") }.map { String($0.dropFirst(field.count + 2)) } ?? ""
            }
            return DeliveredMail(to: header("To"), subject: header("Subject"), body: Self.quotedPrintableDecoded(raw))
        }
    }

    private func number(_ file: String) -> Int { Int(file.filter(\.isNumber)) ?? 0 }

    static func quotedPrintableDecoded(_ text: String) -> String {
        let joined = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < joined.count {
            if joined[index] == UInt8(ascii: "="), index + 2 < joined.count,
                let value = UInt8(String(decoding: joined[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    var database: DraagvlakDatabase { server.context.database }
    var context: AppContext { server.context }
}

/// The path of an absolute link of the app (`http://127.0.0.1:8080/s/…` → `/s/…`).
func path(of link: String) -> String {
    guard let url = URL(string: link) else { return link }
    return url.path + (url.query.map { "?" + $0 } ?? "")
}

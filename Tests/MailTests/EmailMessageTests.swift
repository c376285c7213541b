import Foundation
import Testing
@testable import Mail

@Suite struct EmailMessageTests {
    let message = EmailMessage(
        from: Mailbox(name: "Burgerpanel Hilversum", address: "panel@example.org"),
        to: Mailbox(address: "lid@example.org"), subject: "Uw mening gevraagd: één speeltuin",
        text: "Beste panellid,\n\nUw link: https://example.org/s/" + String(repeating: "A", count: 43) + "\nGroet",
        date: Date(timeIntervalSince1970: 0))

    @Test func rendersHeadersWithEncodedWordsAndCRLF() {
        let rendered = message.rendered(messageID: "abc@example.org")
        #expect(rendered.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(rendered.contains("From: Burgerpanel Hilversum <panel@example.org>\r\n"))
        #expect(rendered.contains("Subject: =?UTF-8?B?\(Data("Uw mening gevraagd: één speeltuin".utf8).base64EncodedString())?=\r\n"))
        #expect(rendered.contains("Message-ID: <abc@example.org>\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
    }

    @Test func quotedPrintableKeepsLinesShortAndDecodesBack() {
        let text = "é " + String(repeating: "x", count: 200) + " = einde \nregel twee "
        let encoded = MIME.quotedPrintable(text)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(decodeQuotedPrintable(encoded) == text)
    }

    @Test func datesAreRFC5322InUTC() {
        #expect(EmailMessage.rfc5322Date(Date(timeIntervalSince1970: 1_795_452_315)) == "Mon, 23 Nov 2026 16:45:15 +0000")
        #expect(EmailMessage.rfc5322Date(Date(timeIntervalSince1970: 1_709_197_507.9)) == "Thu, 29 Feb 2024 09:05:07 +0000")
    }

    @Test func quotedPrintableTakesCRLFAndLFAlikeAndEncodesALoneCR() {
        #expect(MIME.quotedPrintable("a \r\nb\nc\rd\n") == "a=20\r\nb\r\nc=0Dd\r\n")
        #expect(MIME.quotedPrintable("") == "")
    }

    @Test func emlFolderWritesABatchOfFilesAndReportsEachOne() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eml-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let messages = (1...40).map { (rendered: message.rendered(messageID: "m\($0)@x"), fileStem: "bericht-\($0)") }
        // writeAll waits for the disk: off the cooperative pool.
        let results = try await Blocking.run { EmlFolder(path: folder).writeAll(messages) }
        let paths = try results.map { try $0.get() }
        #expect(paths == (1...40).map { folder + "/bericht-\($0).eml" })
        #expect(try String(contentsOfFile: paths[6], encoding: .utf8) == messages[6].rendered)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 40, "no temporary files are left")

        // A folder that cannot be written to: every message fails, with the reason.
        let blocked = folder + "/bericht-1.eml/sub"
        let failed = try await Blocking.run { EmlFolder(path: blocked).writeAll(Array(messages.prefix(2))) }
        #expect(failed.allSatisfy { if case .failure = $0 { true } else { false } })
    }

    @Test func emlFolderWritesOneReadableFileAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eml-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try EmlFolder(path: folder).deliver(message, messageID: "id@x", fileStem: "survey-demo/0001")
        #expect(path.hasSuffix("survey-demo_0001.eml"))
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(decodeQuotedPrintable(contents).contains("/s/" + String(repeating: "A", count: 43)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["survey-demo_0001.eml"])
    }

    /// Decodes soft line breaks and =XX escapes, for checking the encoder.
    func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
        var i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "="), i + 2 < input.count, let value = UInt8(String(decoding: input[i + 1...i + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 3
            } else {
                bytes.append(input[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

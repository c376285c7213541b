import Foundation
import Testing
@testable import QRCode

@Suite struct QRCodeTests {
    let link = "https://burgerpanel.hilversum.nl/c/K7QM-4XPD-9TRW-H3CN"

    @Test func aSymbolHasItsVersionsSizeAndTheThreeFinderPatterns() throws {
        let code = try QRCode.encode(link)
        #expect(code.size == 17 + 4 * code.version && (2...5).contains(code.version))
        for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = max(abs(x - 3), abs(y - 3))
                    #expect(code[left + x, top + y] == (ring != 2), "finder at (\(left), \(top)), module (\(x), \(y))")
                }
            }
        }
        // The timing pattern between the top finders alternates, starting dark.
        #expect((8..<(code.size - 8)).allSatisfy { code[$0, 6] == $0.isMultiple(of: 2) })
    }

    @Test func aReaderReadsTheLinkBack() async throws {
        let code = try QRCode.encode(link)
        #expect(try await ZBar.read(code) == link)
        let longer = link + "?lang=en&ref=" + String(repeating: "brief-", count: 20)
        #expect(try await ZBar.read(try QRCode.encode(longer, correction: .high)) == longer)
    }

    @Test func textThatCannotBeACodeIsRefusedWithTheReason() {
        #expect(throws: QRCodeError.self) { try QRCode.encode("") }
        do {
            _ = try QRCode.encode(String(repeating: "x", count: 5000))
            Issue.record("5000 bytes cannot fit in a QR code")
        } catch {
            #expect(error.description == "cannot make a QR code of 5000 bytes: the text is too long for a QR code")
        }
    }

    @Test func theSVGDrawsEveryDarkModuleOnceWithinAQuietZone() throws {
        let code = try QRCode.encode(link)
        let svg = code.svg(millimetres: 28, label: "Link \"naar\" <de> vragen")
        let extent = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"28mm\" height=\"28mm\" viewBox=\"0 0 \(extent) \(extent)\""))
        #expect(svg.contains("aria-label=\"Link &quot;naar&quot; &lt;de&gt; vragen\""))
        // Sum the widths of the runs: as many as there are dark modules.
        let widths = svg.split(separator: "h").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        var dark = 0
        for y in 0..<code.size { for x in 0..<code.size where code[x, y] { dark += 1 } }
        #expect(widths.reduce(0, +) == dark)
        #expect(svg.contains("M4 4h7v1h-7z"), "the top-left finder's first row, four modules in")
    }
}

/// zbar's command-line reader (Debian's zbar-tools), an independent decoder, run on a plain bitmap
/// of the code. Its process is waited for on a queue of its own, not on the cooperative pool.
enum ZBar {
    static func read(_ code: QRCode, pixelsPerModule: Int = 6) async throws -> String {
        let quiet = 4
        let side = (code.size + 2 * quiet) * pixelsPerModule
        var bitmap = "P1\n\(side) \(side)\n"
        for py in 0..<side {
            let y = py / pixelsPerModule - quiet
            var row = [Character]()
            for px in 0..<side {
                let x = px / pixelsPerModule - quiet
                let isDark = (0..<code.size).contains(x) && (0..<code.size).contains(y) && code[x, y]
                row.append(isDark ? "1" : "0")
            }
            bitmap += String(row) + "\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pbm")
        try bitmap.write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "zbarimg").async {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
                    process.arguments = ["--quiet", "--raw", file.path]
                    let output = Pipe()
                    process.standardOutput = output
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
                })
            }
        }
    }
}

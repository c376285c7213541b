import CQREncode
import Glibc

/// A QR code (ISO/IEC 18004) made by libqrencode: a square of dark and light modules, for the full
/// link on a letter, so a phone's camera opens the survey without typing.
public struct QRCode: Sendable, Hashable {
    /// How much of the symbol may be damaged and still read. M (15%) survives a fold or a smudge
    /// on a letter without making the code much larger.
    public enum ErrorCorrection: Sendable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Modules per side: 21 for version 1, four more per version.
    public let size: Int
    public let version: Int
    private let dark: [Bool]

    /// Whether the module in column `x`, row `y` is dark; (0, 0) is the top left.
    public subscript(x: Int, y: Int) -> Bool { dark[y * size + x] }

    /// Encodes `text` (as UTF-8 bytes, case kept) in the smallest version that holds it.
    public static func encode(_ text: String, correction: ErrorCorrection = .medium) throws(QRCodeError) -> QRCode {
        guard !text.isEmpty, !text.utf8.contains(0) else { throw QRCodeError(text: text, reason: "the text is empty or holds a NUL byte") }
        guard let symbol = QRcode_encodeString(text, 0, correction.level, QR_MODE_8, 1) else {
            let reason = errno == ERANGE ? "the text is too long for a QR code" : "libqrencode failed (errno \(errno))"
            throw QRCodeError(text: text, reason: reason)
        }
        defer { QRcode_free(symbol) }
        let size = Int(symbol.pointee.width)
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        let modules = UnsafeBufferPointer(start: symbol.pointee.data, count: size * size).map { $0 & 1 == 1 }
        return QRCode(size: size, version: Int(symbol.pointee.version), dark: modules)
    }
}

public struct QRCodeError: Error, CustomStringConvertible, Sendable {
    public let text: String
    public let reason: String
    public var description: String { "cannot make a QR code of \(text.utf8.count) bytes: \(reason)" }
}

/// A 256-bit key for ``AES256GCM``.
///
/// The outbox keeps personal links only encrypted, with this key stored in a separate file, so a copy
/// of the database alone opens no survey link. The key never prints itself: `description`, `dump` and
/// string interpolation show only that a key is there, so it cannot leak through a log line.
public struct SymmetricKey: Sendable {
    public static let byteCount = 32

    public let bytes: [UInt8]

    /// A fresh key from OpenSSL's CSPRNG.
    public static func generate() throws(SecretsError) -> SymmetricKey {
        SymmetricKey(checked: try SecureRandom.bytes(byteCount))
    }

    /// A key read back from storage; anything but exactly 32 bytes is refused rather than padded or cut.
    public init(bytes: [UInt8]) throws(SecretsError) {
        guard bytes.count == Self.byteCount else {
            throw SecretsError(
                function: "SymmetricKey(bytes:)",
                reason: "a key has exactly \(Self.byteCount) bytes, got \(bytes.count)", fromOpenSSL: false)
        }
        self.bytes = bytes
    }

    private init(checked bytes: [UInt8]) { self.bytes = bytes }
}

extension SymmetricKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SymmetricKey(\(Self.byteCount * 8) bits, redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// A bearer secret handed to one person (an invitation link, an API token): 256 bits from the CSPRNG,
/// written in URL-safe Base64 behind an optional prefix that tells what kind of token it is.
///
/// Only ``digest`` is ever stored. A presented token is checked by digesting it and looking the digest
/// up, so the database never holds anything that opens a link.
public struct SecretToken: Sendable {
    public static let randomByteCount = 32
    /// Length of the Base64URL part: 32 bytes without padding.
    public static let encodedLength = 43

    /// The secret itself; show it once and forget it.
    public let value: String

    public var digest: [UInt8] { SHA256.digest(value) }

    public static func generate(prefix: String = "") throws(SecretsError) -> SecretToken {
        SecretToken(value: prefix + Base64URL.encode(try SecureRandom.bytes(randomByteCount)))
    }

    /// The digest of a token someone presented, or nil when it cannot be a token of ours (wrong prefix,
    /// length or alphabet), which spares a database look-up for junk.
    public static func digest(ofPresented presented: some StringProtocol, prefix: String = "") -> [UInt8]? {
        guard presented.hasPrefix(prefix) else { return nil }
        let body = presented.dropFirst(prefix.count)
        guard body.utf8.count == encodedLength, Base64URL.isAlphabet(Substring(body)) else { return nil }
        return SHA256.digest(String(presented))
    }
}

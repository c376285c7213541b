import COpenSSL

/// Slow password hashing with scrypt (RFC 7914) from OpenSSL, stored as a self-describing string
/// `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking stored hashes.
public struct PasswordHasher: Sendable {
    public var costN: UInt64
    public var blockSizeR: UInt64
    public var parallelismP: UInt64

    /// N = 2^15, r = 8, p = 1: OWASP's minimum for scrypt; about 32 MiB and tens of milliseconds.
    public init(costN: UInt64 = 1 << 15, blockSizeR: UInt64 = 8, parallelismP: UInt64 = 1) {
        self.costN = costN
        self.blockSizeR = blockSizeR
        self.parallelismP = parallelismP
    }

    public func hash(_ password: String) throws(SecretsError) -> String {
        let salt = try SecureRandom.bytes(16)
        let key = try Self.derive(password, salt: salt, n: costN, r: blockSizeR, p: parallelismP)
        return "scrypt$\(costN)$\(blockSizeR)$\(parallelismP)$\(Base64URL.encode(salt))$\(Base64URL.encode(key))"
    }

    /// True when `password` matches `stored`; false for a wrong password or a malformed stored string.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt",
            let n = UInt64(parts[1]), let r = UInt64(parts[2]), let p = UInt64(parts[3]),
            let salt = Base64URL.decode(parts[4]), let expected = Base64URL.decode(parts[5]),
            let derived = try? Self.derive(password, salt: salt, n: n, r: r, p: p)
        else { return false }
        return constantTimeEqual(derived, expected)
    }

    private static func derive(_ password: String, salt: [UInt8], n: UInt64, r: UInt64, p: UInt64)
        throws(SecretsError) -> [UInt8]
    {
        var key = [UInt8](repeating: 0, count: 32)
        let pass = Array(password.utf8)
        let maxMemory: UInt64 = 128 * n * r * p + 1 << 20
        let ok = pass.withUnsafeBufferPointer { pw in
            salt.withUnsafeBufferPointer { s in
                key.withUnsafeMutableBufferPointer { out in
                    EVP_PBE_scrypt(
                        pw.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                        pw.count, s.baseAddress, s.count, n, r, p, maxMemory, out.baseAddress, out.count)
                }
            }
        }
        guard ok == 1 else { throw .fromQueue("EVP_PBE_scrypt") }
        return key
    }
}

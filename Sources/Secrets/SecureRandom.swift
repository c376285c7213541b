import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's CSPRNG.
public enum SecureRandom {
    /// `count` bytes from `RAND_bytes`; throws if the generator is not seeded, never returns weak bytes.
    public static func bytes(_ count: Int) throws(SecretsError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw .fromQueue("RAND_bytes") }
        return bytes
    }

    /// A uniformly distributed integer in `0..<upperBound`, by rejection sampling (no modulo bias).
    public static func uniform(below upperBound: UInt64) throws(SecretsError) -> UInt64 {
        precondition(upperBound > 0)
        let limit = UInt64.max - (UInt64.max % upperBound)
        while true {
            let raw = try bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if raw < limit { return raw % upperBound }
        }
    }
}

import COpenSSL

/// A failure inside OpenSSL, with the function that failed and OpenSSL's own reason.
public struct SecretsError: Error, CustomStringConvertible, Sendable {
    public let function: String
    public let reason: String

    public var description: String { "OpenSSL \(function) failed: \(reason.isEmpty ? "no reason given" : reason)" }

    /// Builds the error from OpenSSL's error queue, which it also clears.
    static func fromQueue(_ function: String) -> SecretsError {
        var buffer = [CChar](repeating: 0, count: 256)
        COpenSSL_last_error(&buffer, buffer.count)
        let reason = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return SecretsError(function: function, reason: reason)
    }
}

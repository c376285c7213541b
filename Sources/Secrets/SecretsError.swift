import COpenSSL

/// A failure inside OpenSSL, with the function that failed and OpenSSL's own reason, or a check of
/// ours that refused its input (a key of the wrong length, sealed data that does not authenticate).
public struct SecretsError: Error, CustomStringConvertible, Sendable {
    public let function: String
    public let reason: String
    /// False when the error is our own check rather than an OpenSSL call, so the text does not blame OpenSSL.
    let fromOpenSSL: Bool

    init(function: String, reason: String, fromOpenSSL: Bool = true) {
        self.function = function
        self.reason = reason
        self.fromOpenSSL = fromOpenSSL
    }

    public var description: String {
        fromOpenSSL
            ? "OpenSSL \(function) failed: \(reason.isEmpty ? "no reason given" : reason)"
            : "\(function): \(reason)"
    }

    /// Builds the error from OpenSSL's error queue, which it also clears.
    static func fromQueue(_ function: String) -> SecretsError {
        var buffer = [CChar](repeating: 0, count: 256)
        COpenSSL_last_error(&buffer, buffer.count)
        let reason = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return SecretsError(function: function, reason: reason)
    }
}

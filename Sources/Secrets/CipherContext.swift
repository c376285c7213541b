import COpenSSL

/// Owns one `EVP_CIPHER_CTX` and frees it (which also wipes the expanded key) in `deinit`.
/// Used for one operation by one thread, so it is deliberately not `Sendable`.
final class CipherContext {
    let handle: OpaquePointer

    init() throws(SecretsError) {
        guard let handle = EVP_CIPHER_CTX_new() else { throw .fromQueue("EVP_CIPHER_CTX_new") }
        self.handle = handle
    }

    deinit { EVP_CIPHER_CTX_free(handle) }
}

@available(*, unavailable)
extension CipherContext: Sendable {}

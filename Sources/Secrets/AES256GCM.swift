import COpenSSL

/// Authenticated encryption with AES-256 in Galois/Counter Mode, through OpenSSL's EVP interface.
///
/// Sealed bytes are self-contained: `nonce (12 bytes) || ciphertext || tag (16 bytes)`, so a database
/// column holds everything ``open(_:key:associatedData:)`` needs except the key. Every seal draws a
/// fresh random nonce: with 96 random bits, 2^32 messages under one key keep the chance of a repeated
/// nonce below 2^-32 (NIST SP 800-38D §8.3), far beyond what an outbox ever holds.
///
/// `associatedData` is authenticated but not encrypted: pass what identifies the row (say, the outbox
/// message id), so a sealed value copied into another row no longer opens.
public enum AES256GCM {
    public static let nonceByteCount = 12
    public static let tagByteCount = 16

    /// Encrypts and authenticates `plaintext`; returns nonce || ciphertext || tag.
    public static func seal(_ plaintext: [UInt8], key: SymmetricKey, associatedData: [UInt8] = []) throws(SecretsError)
        -> [UInt8]
    {
        try seal(plaintext, key: key, nonce: try SecureRandom.bytes(nonceByteCount), associatedData: associatedData)
    }

    /// Checks the tag and decrypts. Throws, without returning any plaintext, when the input is too short
    /// or when the key, the associated data or any bit of the sealed bytes differs from what was sealed.
    public static func open(_ sealed: [UInt8], key: SymmetricKey, associatedData: [UInt8] = []) throws(SecretsError)
        -> [UInt8]
    {
        guard sealed.count >= nonceByteCount + tagByteCount else {
            throw SecretsError(
                function: "AES256GCM.open",
                reason: "sealed data has \(sealed.count) bytes, fewer than nonce and tag need (\(nonceByteCount + tagByteCount))",
                fromOpenSSL: false)
        }
        let nonce = Array(sealed[..<nonceByteCount])
        let ciphertext = Array(sealed[nonceByteCount..<(sealed.count - tagByteCount)])
        var tag = Array(sealed[(sealed.count - tagByteCount)...])
        try checkLength(ciphertext.count, function: "AES256GCM.open")
        try checkLength(associatedData.count, function: "AES256GCM.open")

        let context = try CipherContext()
        try initialise(context, key: key, nonce: nonce, encrypt: false)
        try feedAssociatedData(associatedData, to: context, encrypt: false)
        var plaintext = try update(context, with: ciphertext, encrypt: false)
        let tagSet = tag.withUnsafeMutableBytes { EVP_CIPHER_CTX_ctrl(context.handle, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), $0.baseAddress) }
        guard tagSet == 1 else { throw .fromQueue("EVP_CIPHER_CTX_ctrl(EVP_CTRL_GCM_SET_TAG)") }
        var finalLength: Int32 = 0
        var scratch = [UInt8](repeating: 0, count: 16)
        let verified = scratch.withUnsafeMutableBufferPointer { EVP_DecryptFinal_ex(context.handle, $0.baseAddress, &finalLength) }
        guard verified == 1 else {
            // A failed tag check queues no OpenSSL error; say what it means instead.
            ERR_clear_error()
            for index in plaintext.indices { plaintext[index] = 0 }
            throw SecretsError(
                function: "AES256GCM.open",
                reason: "authentication failed: wrong key or associated data, or the sealed data was altered",
                fromOpenSSL: false)
        }
        return plaintext
    }

    /// Seals with a caller-chosen nonce: only for known-answer tests. Production code must never reuse a
    /// nonce under the same key (that reveals the XOR of two plaintexts and lets tags be forged), which is
    /// why the public ``seal(_:key:associatedData:)`` always draws a fresh one.
    static func seal(_ plaintext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8]) throws(SecretsError)
        -> [UInt8]
    {
        precondition(nonce.count == nonceByteCount, "AES-256-GCM nonces have 12 bytes")
        try checkLength(plaintext.count, function: "AES256GCM.seal")
        try checkLength(associatedData.count, function: "AES256GCM.seal")

        let context = try CipherContext()
        try initialise(context, key: key, nonce: nonce, encrypt: true)
        try feedAssociatedData(associatedData, to: context, encrypt: true)
        let ciphertext = try update(context, with: plaintext, encrypt: true)
        var finalLength: Int32 = 0
        var scratch = [UInt8](repeating: 0, count: 16)
        let finished = scratch.withUnsafeMutableBufferPointer { EVP_EncryptFinal_ex(context.handle, $0.baseAddress, &finalLength) }
        guard finished == 1, finalLength == 0 else { throw .fromQueue("EVP_EncryptFinal_ex") }
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        let gotTag = tag.withUnsafeMutableBytes { EVP_CIPHER_CTX_ctrl(context.handle, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), $0.baseAddress) }
        guard gotTag == 1 else { throw .fromQueue("EVP_CIPHER_CTX_ctrl(EVP_CTRL_GCM_GET_TAG)") }
        return nonce + ciphertext + tag
    }

    // MARK: - EVP steps

    /// EVP takes lengths as `int`.
    private static func checkLength(_ count: Int, function: String) throws(SecretsError) {
        guard count <= Int(Int32.max) else {
            throw SecretsError(
                function: function, reason: "input of \(count) bytes is larger than OpenSSL accepts in one call", fromOpenSSL: false)
        }
    }

    private static func initialise(_ context: CipherContext, key: SymmetricKey, nonce: [UInt8], encrypt: Bool) throws(SecretsError) {
        let initName = encrypt ? "EVP_EncryptInit_ex" : "EVP_DecryptInit_ex"
        let selected = encrypt
            ? EVP_EncryptInit_ex(context.handle, EVP_aes_256_gcm(), nil, nil, nil)
            : EVP_DecryptInit_ex(context.handle, EVP_aes_256_gcm(), nil, nil, nil)
        guard selected == 1 else { throw .fromQueue(initName) }
        // 12 bytes is GCM's default; setting it explicitly documents the format and guards against a change.
        guard EVP_CIPHER_CTX_ctrl(context.handle, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceByteCount), nil) == 1 else {
            throw .fromQueue("EVP_CIPHER_CTX_ctrl(EVP_CTRL_GCM_SET_IVLEN)")
        }
        let keyed = key.bytes.withUnsafeBufferPointer { k in
            nonce.withUnsafeBufferPointer { n in
                encrypt
                    ? EVP_EncryptInit_ex(context.handle, nil, nil, k.baseAddress, n.baseAddress)
                    : EVP_DecryptInit_ex(context.handle, nil, nil, k.baseAddress, n.baseAddress)
            }
        }
        guard keyed == 1 else { throw .fromQueue(initName) }
    }

    /// Associated data goes in through the update call with a null output buffer.
    private static func feedAssociatedData(_ data: [UInt8], to context: CipherContext, encrypt: Bool) throws(SecretsError) {
        guard !data.isEmpty else { return }
        var length: Int32 = 0
        let ok = data.withUnsafeBufferPointer { input in
            encrypt
                ? EVP_EncryptUpdate(context.handle, nil, &length, input.baseAddress, Int32(input.count))
                : EVP_DecryptUpdate(context.handle, nil, &length, input.baseAddress, Int32(input.count))
        }
        guard ok == 1 else { throw .fromQueue(encrypt ? "EVP_EncryptUpdate(associated data)" : "EVP_DecryptUpdate(associated data)") }
    }

    /// GCM is a stream mode: the output has exactly the input's length.
    private static func update(_ context: CipherContext, with input: [UInt8], encrypt: Bool) throws(SecretsError) -> [UInt8] {
        guard !input.isEmpty else { return [] }
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var length: Int32 = 0
        let ok = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                encrypt
                    ? EVP_EncryptUpdate(context.handle, outBuffer.baseAddress, &length, inBuffer.baseAddress, Int32(inBuffer.count))
                    : EVP_DecryptUpdate(context.handle, outBuffer.baseAddress, &length, inBuffer.baseAddress, Int32(inBuffer.count))
            }
        }
        guard ok == 1, Int(length) == input.count else { throw .fromQueue(encrypt ? "EVP_EncryptUpdate" : "EVP_DecryptUpdate") }
        output.removeLast(output.count - Int(length))
        return output
    }
}

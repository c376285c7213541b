import Testing
@testable import Secrets

@Suite struct AES256GCMTests {
    let plaintext = Array("Uw persoonlijke link: https://example.org/s/abc".utf8)
    let associatedData = Array("outbox:42".utf8)

    @Test func sealsAndOpensRoundTrip() throws {
        let key = try SymmetricKey.generate()
        let sealed = try AES256GCM.seal(plaintext, key: key, associatedData: associatedData)
        #expect(sealed.count == AES256GCM.nonceByteCount + plaintext.count + AES256GCM.tagByteCount)
        #expect(try AES256GCM.open(sealed, key: key, associatedData: associatedData) == plaintext)
    }

    @Test func emptyPlaintextAndEmptyAssociatedDataRoundTrip() throws {
        let key = try SymmetricKey.generate()
        let sealed = try AES256GCM.seal([], key: key)
        #expect(sealed.count == 28)
        #expect(try AES256GCM.open(sealed, key: key) == [])
    }

    @Test func everySealUsesAFreshNonce() throws {
        let key = try SymmetricKey.generate()
        let nonces = try (0..<100).map { _ in Array(try AES256GCM.seal(plaintext, key: key).prefix(12)) }
        #expect(Set(nonces.map { Hex.encode($0) }).count == 100)
    }

    @Test func everySingleBitFlipOfNonceCiphertextOrTagIsRejected() throws {
        let key = try SymmetricKey.generate()
        let sealed = try AES256GCM.seal(plaintext, key: key, associatedData: associatedData)
        var accepted: [Int] = []
        for bit in 0..<(sealed.count * 8) {
            var tampered = sealed
            tampered[bit / 8] ^= 1 << UInt8(bit % 8)
            if (try? AES256GCM.open(tampered, key: key, associatedData: associatedData)) != nil { accepted.append(bit) }
        }
        #expect(accepted.isEmpty, "bit flips accepted at \(accepted)")
    }

    @Test func everySingleBitFlipOfAssociatedDataIsRejected() throws {
        let key = try SymmetricKey.generate()
        let sealed = try AES256GCM.seal(plaintext, key: key, associatedData: associatedData)
        var accepted: [Int] = []
        for bit in 0..<(associatedData.count * 8) {
            var tampered = associatedData
            tampered[bit / 8] ^= 1 << UInt8(bit % 8)
            if (try? AES256GCM.open(sealed, key: key, associatedData: tampered)) != nil { accepted.append(bit) }
        }
        #expect(accepted.isEmpty, "associated-data bit flips accepted at \(accepted)")
        #expect(throws: SecretsError.self) { try AES256GCM.open(sealed, key: key, associatedData: []) }
        #expect(throws: SecretsError.self) { try AES256GCM.open(sealed, key: key, associatedData: associatedData + [0]) }
    }

    @Test func wrongKeyIsRejectedWithAClearReason() throws {
        let sealed = try AES256GCM.seal(plaintext, key: try SymmetricKey.generate())
        let error = #expect(throws: SecretsError.self) { try AES256GCM.open(sealed, key: try SymmetricKey.generate()) }
        #expect(error?.description.contains("authentication failed") == true)
    }

    @Test(arguments: [0, 1, 12, 27])
    func inputShorterThanNonceAndTagIsRejected(_ length: Int) throws {
        let key = try SymmetricKey.generate()
        #expect(throws: SecretsError.self) { try AES256GCM.open([UInt8](repeating: 0, count: length), key: key) }
    }

    @Test func truncatedOrExtendedSealedDataIsRejected() throws {
        let key = try SymmetricKey.generate()
        let sealed = try AES256GCM.seal(plaintext, key: key)
        #expect(throws: SecretsError.self) { try AES256GCM.open(Array(sealed.dropLast()), key: key) }
        #expect(throws: SecretsError.self) { try AES256GCM.open(sealed + [0], key: key) }
        #expect(throws: SecretsError.self) { try AES256GCM.open(Array(sealed.dropFirst()), key: key) }
    }

    /// Test cases 13–16 of McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)" (the vectors NIST
    /// publishes with SP 800-38D), the 256-bit-key cases.
    @Test(arguments: [
        (key: String(repeating: "0", count: 64), nonce: String(repeating: "0", count: 24), aad: "", plaintext: "",
         ciphertext: "", tag: "530f8afbc74536b9a963b4f1c4cb738b"),
        (key: String(repeating: "0", count: 64), nonce: String(repeating: "0", count: 24), aad: "",
         plaintext: String(repeating: "0", count: 32),
         ciphertext: "cea7403d4d606b6e074ec5d3baf39d18", tag: "d0d1c8a799996bf0265b98b5d48ab919"),
        (key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", nonce: "cafebabefacedbaddecaf888", aad: "",
         plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
         ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
         tag: "b094dac5d93471bdec1a502270e3cc6c"),
        (key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", nonce: "cafebabefacedbaddecaf888",
         aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
         plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
         ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
         tag: "76fc6ece0f4e1768cddf8853bb2d551b"),
    ])
    func matchesGCMSpecificationTestVectors(
        _ vector: (key: String, nonce: String, aad: String, plaintext: String, ciphertext: String, tag: String)
    ) throws {
        let key = try SymmetricKey(bytes: unhex(vector.key))
        let sealed = try AES256GCM.seal(unhex(vector.plaintext), key: key, nonce: unhex(vector.nonce), associatedData: unhex(vector.aad))
        #expect(Hex.encode(sealed) == vector.nonce + vector.ciphertext + vector.tag)
        #expect(try AES256GCM.open(sealed, key: key, associatedData: unhex(vector.aad)) == unhex(vector.plaintext))
    }

    @Test(arguments: [0, 16, 31, 33, 64])
    func keysOfTheWrongLengthAreRefused(_ length: Int) {
        #expect(throws: SecretsError.self) { try SymmetricKey(bytes: [UInt8](repeating: 7, count: length)) }
    }

    @Test func keysNeverPrintTheirBytes() throws {
        let key = try SymmetricKey(bytes: [UInt8](repeating: 0xab, count: 32))
        #expect(key.bytes.count == SymmetricKey.byteCount)
        for text in ["\(key)", String(describing: key), String(reflecting: key), dumped(key)] {
            #expect(!text.contains("171") && !text.lowercased().contains("ab, "), "key bytes leaked: \(text)")
        }
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    private func unhex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
}

@Suite struct SecretsErrorTextTests {
    @Test func ownChecksDoNotBlameOpenSSL() throws {
        let error = #expect(throws: SecretsError.self) { try SymmetricKey(bytes: [1, 2, 3]) }
        #expect(error?.description == "SymmetricKey(bytes:): a key has exactly 32 bytes, got 3")
        let short = #expect(throws: SecretsError.self) { try AES256GCM.open([1], key: try SymmetricKey.generate()) }
        #expect(short?.description.hasPrefix("AES256GCM.open: sealed data has 1 bytes") == true)
    }
}

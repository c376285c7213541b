import Testing
@testable import Secrets

@Suite struct DigestTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(Hex.encode(SHA256.digest("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(SHA256.digest("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hmacMatchesRFC4231TestCase2() {
        let mac = HMACSHA256.authenticationCode(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func constantTimeEqualityComparesContentAndLength() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(constantTimeEqual([], []))
    }
}

@Suite struct TokenTests {
    @Test func tokensCarry256RandomBitsInURLSafeText() throws {
        let token = try SecretToken.generate()
        #expect(token.value.count == SecretToken.encodedLength)
        #expect(Base64URL.isAlphabet(Substring(token.value)))
        #expect(Base64URL.decode(token.value)?.count == 32)
        let many = try (0..<1000).map { _ in try SecretToken.generate().value }
        #expect(Set(many).count == 1000)
    }

    @Test func presentedTokenDigestRoundTrips() throws {
        let token = try SecretToken.generate(prefix: "dvk_")
        #expect(SecretToken.digest(ofPresented: token.value, prefix: "dvk_") == token.digest)
        #expect(token.digest == SHA256.digest(token.value))
    }

    @Test(arguments: ["", "short", String(repeating: "A", count: 42), String(repeating: "A", count: 44),
                      String(repeating: "A", count: 42) + "/", String(repeating: "A", count: 42) + "é"])
    func junkIsRejectedWithoutALookup(_ presented: String) {
        #expect(SecretToken.digest(ofPresented: presented) == nil)
    }

    @Test func wrongPrefixIsRejected() throws {
        let token = try SecretToken.generate(prefix: "dvk_")
        #expect(SecretToken.digest(ofPresented: token.value, prefix: "xyz_") == nil)
        #expect(SecretToken.digest(ofPresented: String(token.value.dropFirst(4))) != nil)
    }

    @Test func base64URLRoundTripsEveryLength() throws {
        for length in 0..<40 {
            let bytes = try SecureRandom.bytes(length)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.encode(Array("f".utf8)) == "Zg")
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("A") == nil)
        #expect(Base64URL.decode("ab+c") == nil)
    }

    @Test func uniformStaysBelowItsBound() throws {
        for _ in 0..<200 { #expect(try SecureRandom.uniform(below: 7) < 7) }
    }
}

@Suite struct PasswordHasherTests {
    // A small cost keeps the test quick; production uses the default N = 2^15.
    let hasher = PasswordHasher(costN: 1 << 10)

    @Test func verifiesTheRightPasswordOnly() throws {
        let stored = try hasher.hash("correct horse battery staple")
        #expect(stored.hasPrefix("scrypt$1024$8$1$"))
        #expect(hasher.verify("correct horse battery staple", against: stored))
        #expect(!hasher.verify("correct horse battery stapler", against: stored))
        #expect(try hasher.hash("same") != hasher.hash("same"), "salts differ")
    }

    @Test func malformedStoredHashesNeverVerify() {
        for stored in ["", "scrypt$", "bcrypt$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA"] {
            #expect(!hasher.verify("x", against: stored))
        }
    }
}

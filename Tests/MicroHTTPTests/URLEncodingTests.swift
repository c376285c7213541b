import Testing
@testable import MicroHTTP

@Suite struct URLEncodingTests {
    func form(_ text: String, limits: FormLimits = .default) throws -> [String: [String]] {
        try URLEncoding.decodeForm(Array(text.utf8), limits: limits)
    }

    @Test func decodesPlusAndEscapesAndRepeatedKeys() throws {
        let fields = try form("naam=Jan+de+Vries&keuze=a&keuze=b&leeg=&alleen&tekst=caf%C3%A9%20%26%3D")
        #expect(fields["naam"] == ["Jan de Vries"])
        #expect(fields["keuze"] == ["a", "b"])
        #expect(fields["leeg"] == [""])
        #expect(fields["alleen"] == [""])
        #expect(fields["tekst"] == ["café &="])
    }

    @Test func emptyBodyAndStraySeparatorsGiveNoFields() throws {
        #expect(try form("").isEmpty)
        #expect(try form("&&&").isEmpty)
    }

    @Test func valueMayContainEqualsSign() throws {
        #expect(try form("a=b=c")["a"] == ["b=c"])
    }

    @Test(arguments: ["a=%", "a=%2", "a=%zz", "a=%G1", "%=x"])
    func malformedEscapesAreErrors(_ input: String) {
        #expect(throws: URLDecodingError.self) { try form(input) }
    }

    @Test func aMalformedEscapeSaysWhichFieldAndWhere() throws {
        #expect(throws: URLDecodingError.malformedPercentEscape(field: "field 'steun'", offset: 1)) { try form("a=1&steun=4%zz") }
        #expect(throws: URLDecodingError.malformedPercentEscape(field: "a field name", offset: 0)) { try form("%g0=1") }
        let request = try Request(method: .post, target: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("steun=4%zz".utf8))
        #expect(throws: RequestError(status: .badRequest, message: "the form has a malformed percent-escape in field 'steun' at byte 2 ('%' must be followed by two hex digits)")) {
            try request.form()
        }
        #expect(throws: RequestError(status: .badRequest, message: "a malformed percent-escape in the path at byte 4 ('%' must be followed by two hex digits)")) {
            try Request(method: .get, target: "/s/%zz")
        }
    }

    @Test func invalidUTF8IsAnErrorNamingTheField() {
        #expect(throws: URLDecodingError.invalidUTF8(field: "field 'naam'")) { try form("naam=%FF%FE") }
    }

    @Test func fieldCountIsBounded() {
        let many = (0..<11).map { "f\($0)=1" }.joined(separator: "&")
        #expect(throws: URLDecodingError.tooManyFields(limit: 10)) { try form(many, limits: FormLimits(maxFields: 10)) }
    }

    @Test func fieldLengthIsBounded() {
        let long = "a=" + String(repeating: "x", count: 101)
        #expect(throws: URLDecodingError.fieldTooLong(name: "a", limit: 100)) {
            try form(long, limits: FormLimits(maxValueBytes: 100))
        }
    }

    @Test func percentEncodeRoundTrips() throws {
        let text = "é & = /?#%+ x"
        let encoded = URLEncoding.percentEncode(text)
        #expect(!encoded.contains(" ") && !encoded.contains("&"))
        #expect(try URLEncoding.percentDecode(Array(encoded.utf8), plusAsSpace: false, field: "x") == text)
    }

    @Test func requestPathIsDecodedStrictly() throws {
        let request = try Request(method: .get, target: "/s/ab%20c?x=1")
        #expect(request.path == "/s/ab c")
        #expect(try request.query()["x"] == ["1"])
        #expect(throws: RequestError.self) { try Request(method: .get, target: "/s/%zz") }
        #expect(throws: RequestError.self) { try Request(method: .get, target: "/a%00b") }
        #expect(throws: RequestError.self) { try Request(method: .get, target: "*") }
    }

    @Test func formNeedsItsContentType() throws {
        let request = try Request(method: .post, target: "/", headers: ["Content-Type": "text/plain"], body: Array("a=1".utf8))
        #expect(throws: RequestError.self) { try request.form() }
    }

    @Test func cookiesAndBearerToken() throws {
        #expect(Cookies.parse("a=1; b=\"two\";c=3; a=4") == ["a": "1", "b": "two", "c": "3"])
        #expect(Cookies.parse(nil).isEmpty)
        let request = try Request(method: .get, target: "/", headers: ["Authorization": "Bearer abc.def"])
        #expect(request.bearerToken == "abc.def")
    }

    @Test func setCookieHasSafeDefaults() {
        let value = SetCookie(name: "sid", value: "x", maxAgeSeconds: 60, secure: true).headerValue
        #expect(value == "sid=x; Path=/; SameSite=Lax; Max-Age=60; HttpOnly; Secure")
    }
}

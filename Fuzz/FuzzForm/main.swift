import CFuzzDriver
import MicroHTTP

/// Bytes as a form body, a query string and a request target: decoding either succeeds or throws a
/// `URLDecodingError`, and what decodes encodes back to the same fields (names and every value, in
/// order), so nothing is lost or invented between the browser and the handler.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzForm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? URLEncoding.decodeForm(bytes)
    _ = try? URLEncoding.decodeForm(bytes, limits: FormLimits(maxFields: 4, maxNameBytes: 16, maxValueBytes: 64))
    if let fields = try? URLEncoding.decodeForm(bytes, limits: unlimited) {
        let encoded = fields.keys.sorted().flatMap { name in
            fields[name]!.map { URLEncoding.percentEncode(name) + "=" + URLEncoding.percentEncode($0) }
        }.joined(separator: "&")
        let again = try! URLEncoding.decodeForm(Array(encoded.utf8), limits: unlimited)
        precondition(again == fields, "a decoded form does not survive encoding")
    }

    let text = String(decoding: bytes, as: UTF8.self)
    if let request = try? Request(method: .post, target: "/" + text, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: bytes) {
        precondition(request.path.hasPrefix("/") && !request.path.utf8.contains(0), "the decoded path \(request.path) got through")
        _ = try? request.query()
        _ = try? request.form()
    }
    _ = Cookies.parse(text)
    return 0
}

let unlimited = FormLimits(maxFields: .max, maxNameBytes: .max, maxValueBytes: .max)

draagvlak_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzForm)

import CCurl

/// `curl_global_init` must run once before any other libcurl call and is not thread-safe in every
/// libcurl build (only those reporting `CURL_VERSION_THREADSAFE`, 7.84 and later). A Swift global is
/// initialised exactly once, atomically, on first use, which gives exactly that. It is never undone:
/// `curl_global_cleanup` would race with senders on other threads, and the process ends soon enough.
private let curlGlobalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// Owns one libcurl easy handle and everything libcurl keeps raw pointers to while it lives (the error
/// buffer, string lists, callback state), and frees them after `curl_easy_cleanup` in `deinit`.
/// One transfer on one thread, so deliberately not `Sendable`.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Objects libcurl points into until cleanup; released only after the handle is gone.
    private var keptAlive: [AnyObject] = []

    init() throws(CurlError) {
        guard curlGlobalInitResult == CURLE_OK else { throw CurlError(operation: "curl_global_init", code: curlGlobalInitResult) }
        guard let handle = curl_easy_init() else { throw CurlError(operation: "curl_easy_init", code: CURLE_FAILED_INIT) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        // Checked before the stored properties are set: once they are, a throw would also run `deinit`.
        let code = CCurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        guard code == CURLE_OK else {
            curl_easy_cleanup(handle)
            errorBuffer.deallocate()
            throw CurlError(operation: "curl_easy_setopt(CURLOPT_ERRORBUFFER)", code: code)
        }
        self.handle = handle
        self.errorBuffer = errorBuffer
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(CCurl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: Bool) throws(CurlError) {
        try set(option, value ? 1 : 0)
    }

    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(CCurl_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ list: CurlStringList) throws(CurlError) {
        keptAlive.append(list)
        try check(CCurl_setopt_slist(handle, option, list.head), option)
    }

    /// Sets a `*DATA` option to an object that libcurl hands back to the matching callback; the object
    /// stays alive as long as this handle.
    func set(_ option: CURLoption, context: AnyObject) throws(CurlError) {
        keptAlive.append(context)
        try check(CCurl_setopt_pointer(handle, option, Unmanaged.passUnretained(context).toOpaque()), option)
    }

    func setReadCallback(_ callback: curl_read_callback) throws(CurlError) {
        try check(CCurl_setopt_read_callback(handle, callback), CURLOPT_READFUNCTION)
    }

    func setDebugCallback(_ callback: curl_debug_callback) throws(CurlError) {
        try check(CCurl_setopt_debug_callback(handle, callback), CURLOPT_DEBUGFUNCTION)
    }

    /// Runs the transfer, blocking; the result is returned rather than thrown because the caller
    /// classifies it together with the server's reply.
    func perform() -> CURLcode {
        errorBuffer[0] = 0
        return curl_easy_perform(handle)
    }

    func info(_ info: CURLINFO) throws(CurlError) -> Int {
        var value = 0
        let code = CCurl_getinfo_long(handle, info, &value)
        guard code == CURLE_OK else { throw CurlError(operation: "curl_easy_getinfo", code: code) }
        return value
    }

    /// What libcurl wrote to the error buffer during the last transfer, or its generic text for `code`.
    func errorText(for code: CURLcode) -> String {
        let specific = String(cString: errorBuffer).trimmingTrailingNewlines
        return specific.isEmpty ? String(cString: curl_easy_strerror(code)) : specific
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code != CURLE_OK else { return }
        let name = curl_easy_option_by_id(option)?.pointee.name.map { String(cString: $0) } ?? "option \(option.rawValue)"
        throw CurlError(operation: "curl_easy_setopt(CURLOPT_\(name))", code: code)
    }
}

@available(*, unavailable)
extension CurlEasy: Sendable {}

import CCurl

/// A `curl_slist`, freed in `deinit` (which also runs when `init` throws halfway, freeing what was
/// appended). libcurl does not copy lists, so the owning ``CurlEasy`` keeps it.
final class CurlStringList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String]) throws(CurlError) {
        for string in strings {
            guard let extended = curl_slist_append(head, string) else {
                throw CurlError(operation: "curl_slist_append", code: CURLE_OUT_OF_MEMORY)
            }
            head = extended
        }
    }

    deinit { curl_slist_free_all(head) }
}

@available(*, unavailable)
extension CurlStringList: Sendable {}

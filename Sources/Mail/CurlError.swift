import CCurl

/// A libcurl call that failed before or instead of a transfer, with the option or function involved.
struct CurlError: Error, CustomStringConvertible {
    let operation: String
    let code: CURLcode

    var description: String { "libcurl \(operation) failed: \(String(cString: curl_easy_strerror(code)))" }
}

extension String {
    /// libcurl's error buffer sometimes ends in a newline; messages read better without it.
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while let last = text.last, last.isNewline { text = text.dropLast() }
        return String(text)
    }
}

#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

// Fixed-argument wrappers for libcurl's variadic calls (curl_easy_setopt, curl_easy_getinfo), which
// Swift cannot call directly: one wrapper per argument type, so the C compiler, not a cast in Swift,
// passes each value the way libcurl reads it back with va_arg. Everything else is used through
// libcurl's own header.

#include <curl/curl.h>

static inline CURLcode CCurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// libcurl copies the string (since 7.17), so it need not outlive the call.
static inline CURLcode CCurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_READDATA, CURLOPT_DEBUGDATA, CURLOPT_ERRORBUFFER: the pointer must stay valid until
/// the transfer ends.
static inline CURLcode CCurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_MAIL_RCPT: libcurl does not copy the list; it must stay valid until the transfer ends.
static inline CURLcode CCurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode CCurl_setopt_read_callback(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/// Called only while CURLOPT_VERBOSE is 1; it then replaces libcurl's own output to stderr.
static inline CURLcode CCurl_setopt_debug_callback(CURL *handle, curl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

static inline CURLcode CCurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif

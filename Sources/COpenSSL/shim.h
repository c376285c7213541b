#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

/// The oldest queued OpenSSL error as text, for error messages; writes "" when the queue is empty.
static inline void COpenSSL_last_error(char *buffer, size_t size) {
    unsigned long code = ERR_get_error();
    if (code == 0) { if (size) buffer[0] = 0; return; }
    ERR_error_string_n(code, buffer, size);
    ERR_clear_error();
}

#endif

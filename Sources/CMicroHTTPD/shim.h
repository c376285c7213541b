#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

// Fixed-argument wrappers for libmicrohttpd's variadic calls, which Swift cannot call directly.
// Everything else is used through the library's own header.

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// Settings for `CMicroHTTPD_start_daemon`; zero means "library default" for every number.
typedef struct CMicroHTTPD_Settings {
    unsigned int flags;
    uint16_t port;
    const struct sockaddr *bind_address;   // NULL: all interfaces
    unsigned int thread_pool_size;
    unsigned int connection_timeout_seconds;
    size_t connection_memory_limit;        // bounds the request line plus headers
    unsigned int connection_limit;
    unsigned int per_ip_connection_limit;  // 0: no limit per client address
    MHD_AccessHandlerCallback access_handler;
    MHD_RequestCompletedCallback completed_handler;
    void *(*uri_log_handler)(void *cls, const char *uri, struct MHD_Connection *connection);
    MHD_LogCallback error_logger;
    void *context;                         // passed as `cls` to every handler above
} CMicroHTTPD_Settings;

static inline struct MHD_Daemon *CMicroHTTPD_start_daemon(const CMicroHTTPD_Settings *s) {
    struct MHD_OptionItem options[12];
    int n = 0;
    // The logger must come first, or messages about the options before it go to stderr.
    if (s->error_logger)
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)s->error_logger, s->context };
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)s->completed_handler, s->context };
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)s->uri_log_handler, s->context };
    if (s->thread_pool_size > 1)
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)s->thread_pool_size, NULL };
    if (s->connection_timeout_seconds)
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)s->connection_timeout_seconds, NULL };
    if (s->connection_memory_limit)
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)s->connection_memory_limit, NULL };
    if (s->connection_limit)
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, (intptr_t)s->connection_limit, NULL };
    if (s->per_ip_connection_limit)
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_PER_IP_CONNECTION_LIMIT, (intptr_t)s->per_ip_connection_limit, NULL };
    if (s->bind_address)
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0, (void *)s->bind_address };
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
    return MHD_start_daemon(s->flags, s->port, NULL, NULL, s->access_handler, s->context,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

/// The port the daemon listens on (useful after binding port 0); 0 when unknown.
static inline uint16_t CMicroHTTPD_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

/// The peer address of a connection, or NULL.
static inline const struct sockaddr *CMicroHTTPD_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info ? info->client_addr : NULL;
}

/// The error logger receives a printf-style format and a va_list; this renders it into `buffer`.
#include <stdio.h>
#include <stdarg.h>
static inline int CMicroHTTPD_format_log(char *buffer, size_t size, const char *format, va_list ap) {
    return vsnprintf(buffer, size, format, ap);
}

#endif

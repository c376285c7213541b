#define _GNU_SOURCE
// The burst of scripts/bench: many members at once, each opening their personal link (GET, expect 200)
// and then submitting valid answers (POST, expect 303), over keep-alive connections. wrk cannot pair a
// member's two requests on one connection nor stop after a fixed number, hence this small client.
//
//   burst --port P --requests FILE --connections N
//
// FILE has one member per line: "<path>\t<urlencoded body>". Prints one JSON object: counts, duration,
// and the latency percentiles (ms) over all requests.

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct { char *path; char *body; } Member;

static Member *members;
static int member_count;
static int port;
static atomic_int next_member;
static atomic_int failures, successes;
static double *latencies;  // two per member, in ms; -1 when the request failed
static char first_failure[256];
static pthread_mutex_t failure_lock = PTHREAD_MUTEX_INITIALIZER;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void note_failure(const char *what) {
    atomic_fetch_add(&failures, 1);
    pthread_mutex_lock(&failure_lock);
    if (!first_failure[0]) snprintf(first_failure, sizeof first_failure, "%s", what);
    pthread_mutex_unlock(&failure_lock);
}

static int connect_server(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval timeout = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { close(fd); return -1; }
    return fd;
}

static int send_all(int fd, const char *bytes, size_t n) {
    while (n > 0) {
        ssize_t sent = send(fd, bytes, n, MSG_NOSIGNAL);
        if (sent <= 0) return -1;
        bytes += sent;
        n -= (size_t)sent;
    }
    return 0;
}

// One request on *fd (reconnecting when the server closed it); returns the status, or -1.
static int exchange(int *fd, const char *request, size_t length) {
    for (int attempt = 0; attempt < 2; attempt++) {
        if (*fd < 0 && (*fd = connect_server()) < 0) return -1;
        if (send_all(*fd, request, length) != 0) { close(*fd); *fd = -1; continue; }
        static __thread char buffer[256 * 1024];
        size_t have = 0;
        char *end = NULL;
        while (!end) {
            ssize_t got = recv(*fd, buffer + have, sizeof buffer - 1 - have, 0);
            if (got <= 0) break;
            have += (size_t)got;
            buffer[have] = 0;
            end = strstr(buffer, "\r\n\r\n");
        }
        if (!end) {
            close(*fd);
            *fd = -1;
            if (have == 0) continue;  // closed while idle (keep-alive ended): retry on a new connection
            return -1;
        }
        int status = atoi(buffer + 9);
        size_t header = (size_t)(end + 4 - buffer);
        const char *field = strcasestr(buffer, "\r\nContent-Length:");
        size_t body = field && field < end ? (size_t)strtoul(field + 17, NULL, 10) : 0;
        while (have < header + body) {
            ssize_t got = recv(*fd, buffer, sizeof buffer - 1, 0);
            if (got <= 0) { close(*fd); *fd = -1; return -1; }
            have += (size_t)got;
        }
        const char *close_field = strcasestr(buffer, "\r\nConnection: close");
        if (close_field && close_field < end) { close(*fd); *fd = -1; }
        return status;
    }
    return -1;
}

static void *member_loop(void *unused) {
    (void)unused;
    int fd = -1;
    char request[8192];
    for (int i; (i = atomic_fetch_add(&next_member, 1)) < member_count;) {
        Member *m = &members[i];
        int n = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", m->path);
        double start = now_ms();
        int status = exchange(&fd, request, (size_t)n);
        latencies[2 * i] = now_ms() - start;
        if (status != 200) {
            char what[128];
            snprintf(what, sizeof what, "GET %d", status);
            note_failure(what);
        } else atomic_fetch_add(&successes, 1);

        n = snprintf(request, sizeof request,
                     "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: %zu\r\n\r\n%s", m->path, strlen(m->body), m->body);
        start = now_ms();
        status = exchange(&fd, request, (size_t)n);
        latencies[2 * i + 1] = now_ms() - start;
        if (status != 303) {
            char what[128];
            snprintf(what, sizeof what, "POST %d", status);
            note_failure(what);
        } else atomic_fetch_add(&successes, 1);
    }
    if (fd >= 0) close(fd);
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(double *sorted, int n, double p) {
    if (n == 0) return 0;
    int index = (int)(p / 100.0 * n + 0.999999) - 1;
    if (index < 0) index = 0;
    if (index >= n) index = n - 1;
    return sorted[index];
}

static const char *option(int argc, char **argv, const char *name, const char *fallback) {
    for (int i = 1; i + 1 < argc; i++) if (strcmp(argv[i], name) == 0) return argv[i + 1];
    if (!fallback) { fprintf(stderr, "burst: missing %s\n", name); exit(2); }
    return fallback;
}

int main(int argc, char **argv) {
    port = atoi(option(argc, argv, "--port", NULL));
    int connections = atoi(option(argc, argv, "--connections", "100"));
    FILE *f = fopen(option(argc, argv, "--requests", NULL), "r");
    if (!f) { perror("burst: requests file"); return 1; }
    int capacity = 4096;
    members = malloc(sizeof(Member) * (size_t)capacity);
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        if (member_count == capacity) members = realloc(members, sizeof(Member) * (size_t)(capacity *= 2));
        members[member_count++] = (Member){strdup(line), strdup(tab + 1)};
    }
    fclose(f);
    latencies = calloc((size_t)member_count * 2, sizeof(double));

    pthread_t *threads = malloc(sizeof(pthread_t) * (size_t)connections);
    double start = now_ms();
    for (int i = 0; i < connections; i++) pthread_create(&threads[i], NULL, member_loop, NULL);
    for (int i = 0; i < connections; i++) pthread_join(threads[i], NULL);
    double seconds = (now_ms() - start) / 1e3;

    int n = member_count * 2;
    qsort(latencies, (size_t)n, sizeof(double), by_value);
    printf("{\"members\": %d, \"connections\": %d, \"requests\": %d, \"succeeded\": %d, \"failed\": %d, "
           "\"seconds\": %.3f, \"requests_per_second\": %.1f, \"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, "
           "\"max_ms\": %.3f, \"first_failure\": \"%s\"}\n",
           member_count, connections, n, atomic_load(&successes), atomic_load(&failures), seconds, n / seconds,
           percentile(latencies, n, 50), percentile(latencies, n, 90), percentile(latencies, n, 99),
           n ? latencies[n - 1] : 0.0, first_failure);
    return atomic_load(&failures) == 0 ? 0 : 1;
}

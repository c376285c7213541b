// The reference server of scripts/bench: the least a server on the same libmicrohttpd and SQLite has to
// do to answer Draagvlak's hot routes, written the fastest way we know (see ARCHITECTURE.md, libmicrohttpd).
// Draagvlak is measured as a ratio to it in the same run, so the figures say what our code costs on top of
// the libraries, whatever the machine.
//
//   GET  /s/<token>              the survey page Draagvlak rendered, captured at bench start (404 for a
//                                token not in the links files)
//   POST /s/<token>              the answers as rows in response + answer, WAL, synchronous=FULL, one
//                                commit for every answer queued meanwhile (group commit on a writer
//                                thread), 303 to the thank-you page only after the commit
//   GET  /static/draagvlak.css   the stylesheet; GET /api/v1/surveys/<id>/results the captured JSON
//   anything else                Draagvlak's 404 page
//
// Every fixed response is built once (MHD_RESPMEM_PERSISTENT) and queued on the handler's second call.

#include <microhttpd.h>
#include <sqlite3.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_BODY (64 * 1024)
#define MAX_FIELDS 64

static void die(const char *what, const char *detail) {
    fprintf(stderr, "reference: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

// MARK: - files

static char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open", path);
    fseek(f, 0, SEEK_END);
    long length = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc((size_t)length + 1);
    if (length > 0 && fread(bytes, 1, (size_t)length, f) != (size_t)length) die("cannot read", path);
    fclose(f);
    bytes[length] = 0;
    *size = (size_t)length;
    return bytes;
}

// MARK: - known tokens: open addressing, read once from the links files (member_id,link per line)

typedef struct { char *token; int64_t id; } Slot;
static Slot *slots;
static size_t slot_count;
static int64_t token_total;

static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    return h;
}

static void insert_token(const char *token, size_t n) {
    size_t i = fnv1a(token, n) & (slot_count - 1);
    while (slots[i].token) {
        if (strlen(slots[i].token) == n && memcmp(slots[i].token, token, n) == 0) return;
        i = (i + 1) & (slot_count - 1);
    }
    slots[i].token = strndup(token, n);
    slots[i].id = ++token_total;
}

static int64_t find_token(const char *token, size_t n) {
    if (n == 0 || n > 64) return 0;
    size_t i = fnv1a(token, n) & (slot_count - 1);
    while (slots[i].token) {
        if (strlen(slots[i].token) == n && memcmp(slots[i].token, token, n) == 0) return slots[i].id;
        i = (i + 1) & (slot_count - 1);
    }
    return 0;
}

static void load_links(const char *path) {
    size_t size;
    char *text = read_file(path, &size);
    char *state;
    for (char *line = strtok_r(text, "\n", &state); line; line = strtok_r(NULL, "\n", &state)) {
        char *at = strstr(line, "/s/");
        if (!at) continue;
        at += 3;
        size_t n = strcspn(at, "\r/?");
        if (n > 0) insert_token(at, n);
    }
    free(text);
}

// MARK: - fixed responses

static struct MHD_Response *page, *css, *not_found, *results, *unauthorized, *too_large, *server_error;

static struct MHD_Response *fixed(const char *path, const char *type, int html) {
    size_t size;
    char *bytes = read_file(path, &size);
    struct MHD_Response *r = MHD_create_response_from_buffer(size, bytes, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", type);
    // The same security headers Draagvlak sends, so both put the same bytes on the wire.
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (html) {
        MHD_add_response_header(r, "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
        MHD_add_response_header(r, "X-Frame-Options", "DENY");
        MHD_add_response_header(r, "Cache-Control", "no-store");
    } else {
        MHD_add_response_header(r, "Cache-Control", "public, max-age=3600");
    }
    return r;
}

static struct MHD_Response *text(const char *body) {
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
    return r;
}

// MARK: - one request

typedef struct Exchange {
    int handled;                  // 0 until the route ran; then the response is queued on the next call
    char *body;
    size_t length, capacity;
    int too_large;
    struct MHD_Connection *connection;
    int64_t invitation;
    char token[72];
    char *names[MAX_FIELDS], *values[MAX_FIELDS];
    int field_count;
    unsigned status;              // set by the writer
    struct MHD_Response *answer;  // set by the writer, queued after resume
    struct Exchange *next;
} Exchange;

static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes application/x-www-form-urlencoded in place.
static char *decode(char *s) {
    char *out = s, *in = s;
    while (*in) {
        if (*in == '+') { *out++ = ' '; in++; }
        else if (*in == '%' && hex(in[1]) >= 0 && hex(in[2]) >= 0) { *out++ = (char)(hex(in[1]) * 16 + hex(in[2])); in += 3; }
        else *out++ = *in++;
    }
    *out = 0;
    return s;
}

// Keeps the answers (fields not starting with '_'), sorted by name as Draagvlak stores them.
static void parse_form(Exchange *e) {
    char *rest = e->body;
    for (char *pair = strsep(&rest, "&"); pair; pair = strsep(&rest, "&")) {
        char *value = strchr(pair, '=');
        if (!value || pair[0] == '_' || e->field_count == MAX_FIELDS) continue;
        *value++ = 0;
        if (!*value) continue;
        e->names[e->field_count] = decode(pair);
        e->values[e->field_count++] = decode(value);
    }
    for (int i = 1; i < e->field_count; i++)
        for (int j = i; j > 0 && strcmp(e->names[j - 1], e->names[j]) > 0; j--) {
            char *n = e->names[j]; e->names[j] = e->names[j - 1]; e->names[j - 1] = n;
            char *v = e->values[j]; e->values[j] = e->values[j - 1]; e->values[j - 1] = v;
        }
}

// MARK: - the writer: one OS thread owns the write connection and commits whatever is queued

static const char *database_path, *survey_id = "bench", *definition_hash = "reference";
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_ready = PTHREAD_COND_INITIALIZER;
static Exchange *queue_head, *queue_tail;

static void enqueue(Exchange *e) {
    pthread_mutex_lock(&queue_lock);
    e->next = NULL;
    if (queue_tail) queue_tail->next = e; else queue_head = e;
    queue_tail = e;
    pthread_cond_signal(&queue_ready);
    pthread_mutex_unlock(&queue_lock);
}

static void now_text(char *buffer, size_t size) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buffer, size, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buffer + n, size - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

static sqlite3 *open_database(void) {
    sqlite3 *db;
    if (sqlite3_open(database_path, &db) != SQLITE_OK) die("cannot open the database", sqlite3_errmsg(db));
    sqlite3_busy_timeout(db, 10000);
    const char *setup =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;"
        "CREATE TABLE IF NOT EXISTS response (invitation_id INTEGER PRIMARY KEY NOT NULL, survey_id TEXT NOT NULL,"
        "  definition_hash TEXT NOT NULL, submitted_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
        "  revision INTEGER NOT NULL DEFAULT 1) STRICT;"
        "CREATE INDEX IF NOT EXISTS response_by_survey ON response(survey_id);"
        "CREATE TABLE IF NOT EXISTS answer (invitation_id INTEGER NOT NULL REFERENCES response(invitation_id) ON DELETE CASCADE,"
        "  survey_id TEXT NOT NULL, question_id TEXT NOT NULL, position INTEGER NOT NULL, value TEXT NOT NULL,"
        "  PRIMARY KEY (invitation_id, question_id, position)) STRICT;"
        "CREATE INDEX IF NOT EXISTS answer_by_question ON answer(survey_id, question_id, value);";
    char *error = NULL;
    if (sqlite3_exec(db, setup, NULL, NULL, &error) != SQLITE_OK) die("cannot set up the database", error);
    return db;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) die("cannot prepare", sqlite3_errmsg(db));
    return s;
}

static int step_done(sqlite3_stmt *s) {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {}
    sqlite3_reset(s);
    return rc == SQLITE_DONE;
}

static void *writer(void *unused) {
    (void)unused;
    sqlite3 *db = open_database();
    sqlite3_stmt *begin = prepare(db, "BEGIN IMMEDIATE"), *commit = prepare(db, "COMMIT"), *rollback = prepare(db, "ROLLBACK");
    sqlite3_stmt *upsert = prepare(db,
        "INSERT INTO response (invitation_id, survey_id, definition_hash, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(invitation_id) DO UPDATE SET definition_hash = excluded.definition_hash,"
        " updated_at = excluded.updated_at, revision = revision + 1 RETURNING revision");
    sqlite3_stmt *clear = prepare(db, "DELETE FROM answer WHERE invitation_id = ?");
    sqlite3_stmt *insert = prepare(db,
        "INSERT INTO answer (invitation_id, survey_id, question_id, position, value) VALUES (?, ?, ?, ?, ?)");
    for (;;) {
        pthread_mutex_lock(&queue_lock);
        while (!queue_head) pthread_cond_wait(&queue_ready, &queue_lock);
        Exchange *batch = queue_head;
        queue_head = queue_tail = NULL;
        pthread_mutex_unlock(&queue_lock);

        char now[40];
        now_text(now, sizeof now);
        int ok = step_done(begin);
        for (Exchange *e = batch; ok && e; e = e->next) {
            sqlite3_bind_int64(upsert, 1, e->invitation);
            sqlite3_bind_text(upsert, 2, survey_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert, 3, definition_hash, -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert, 4, now, -1, SQLITE_STATIC);
            sqlite3_bind_text(upsert, 5, now, -1, SQLITE_STATIC);
            int revision = sqlite3_step(upsert) == SQLITE_ROW ? sqlite3_column_int(upsert, 0) : 0;
            ok = step_done(upsert) && revision > 0;
            sqlite3_bind_int64(clear, 1, e->invitation);
            ok = ok && step_done(clear);
            int position = 0;
            for (int i = 0; ok && i < e->field_count; i++) {
                position = (i > 0 && strcmp(e->names[i], e->names[i - 1]) == 0) ? position + 1 : 0;
                sqlite3_bind_int64(insert, 1, e->invitation);
                sqlite3_bind_text(insert, 2, survey_id, -1, SQLITE_STATIC);
                sqlite3_bind_text(insert, 3, e->names[i], -1, SQLITE_STATIC);
                sqlite3_bind_int(insert, 4, position);
                sqlite3_bind_text(insert, 5, e->values[i], -1, SQLITE_STATIC);
                ok = step_done(insert);
            }
            char location[160];
            snprintf(location, sizeof location, "/s/%s/bedankt?lang=nl%s", e->token, revision > 1 ? "&vervangen=1" : "");
            e->answer = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
            MHD_add_response_header(e->answer, "Location", location);
            e->status = MHD_HTTP_SEE_OTHER;
        }
        ok = ok && step_done(commit);
        if (!ok) {
            fprintf(stderr, "reference: batch failed: %s\n", sqlite3_errmsg(db));
            step_done(rollback);
        }
        // Acknowledge only now: the commit (and its fsync) is done.
        for (Exchange *e = batch, *next; e; e = next) {
            next = e->next;
            if (!ok) {
                if (e->answer) MHD_destroy_response(e->answer);
                e->answer = NULL;
                e->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
            }
            MHD_resume_connection(e->connection);
        }
    }
    return NULL;
}

// MARK: - libmicrohttpd callbacks

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r) {
    return MHD_queue_response(c, status, r);
}

static enum MHD_Result route(Exchange *e, struct MHD_Connection *c, const char *method, const char *url) {
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (strncmp(url, "/s/", 3) == 0) {
        const char *token = url + 3;
        size_t n = strlen(token);
        if (memchr(token, '/', n)) return queue(c, MHD_HTTP_NOT_FOUND, not_found);
        int64_t id = find_token(token, n);
        if (!id) return queue(c, MHD_HTTP_NOT_FOUND, not_found);
        if (get) return queue(c, MHD_HTTP_OK, page);
        if (strcmp(method, "POST") != 0) return queue(c, MHD_HTTP_METHOD_NOT_ALLOWED, not_found);
        if (e->too_large) return queue(c, MHD_HTTP_CONTENT_TOO_LARGE, too_large);
        memcpy(e->token, token, n + 1);
        e->invitation = id;
        e->connection = c;
        if (e->body) parse_form(e);
        e->handled = 1;
        MHD_suspend_connection(c);
        enqueue(e);
        return MHD_YES;
    }
    if (get && strcmp(url, "/static/draagvlak.css") == 0) return queue(c, MHD_HTTP_OK, css);
    if (get && strncmp(url, "/api/v1/surveys/", 16) == 0) {
        const char *authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
        if (!authorization || strncmp(authorization, "Bearer ", 7) != 0) return queue(c, MHD_HTTP_UNAUTHORIZED, unauthorized);
        return queue(c, MHD_HTTP_OK, results);
    }
    return queue(c, MHD_HTTP_NOT_FOUND, not_found);
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                      const char *version, const char *upload, size_t *upload_size, void **con_cls) {
    (void)cls; (void)version;
    Exchange *e = *con_cls;
    if (!e) {
        // Headers only: answer nothing yet (a response queued now makes libmicrohttpd close keep-alive).
        *con_cls = calloc(1, sizeof(Exchange));
        return MHD_YES;
    }
    if (e->handled) {
        // Resumed after the commit.
        enum MHD_Result result = e->answer ? queue(c, e->status, e->answer) : queue(c, e->status, server_error);
        if (e->answer) { MHD_destroy_response(e->answer); e->answer = NULL; }
        return result;
    }
    if (*upload_size) {
        if (e->length + *upload_size > MAX_BODY) e->too_large = 1;
        if (!e->too_large) {
            if (e->length + *upload_size + 1 > e->capacity) {
                e->capacity = (e->length + *upload_size + 1) * 2;
                e->body = realloc(e->body, e->capacity);
            }
            memcpy(e->body + e->length, upload, *upload_size);
            e->length += *upload_size;
            e->body[e->length] = 0;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    return route(e, c, method, url);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode code) {
    (void)cls; (void)c; (void)code;
    Exchange *e = *con_cls;
    if (!e) return;
    free(e->body);
    free(e);
    *con_cls = NULL;
}

// MARK: - main

static const char *option(int argc, char **argv, const char *name, const char *fallback) {
    for (int i = 1; i + 1 < argc; i++) if (strcmp(argv[i], name) == 0) return argv[i + 1];
    if (!fallback) die("missing option", name);
    return fallback;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: reference --port P --database FILE --page FILE --css FILE --not-found FILE "
                        "--results FILE --links FILE[,FILE…] [--threads N]\n");
        return 2;
    }
    int port = atoi(option(argc, argv, "--port", NULL));
    unsigned threads = (unsigned)atoi(option(argc, argv, "--threads", "2"));
    database_path = option(argc, argv, "--database", NULL);
    page = fixed(option(argc, argv, "--page", NULL), "text/html; charset=utf-8", 1);
    css = fixed(option(argc, argv, "--css", NULL), "text/css; charset=utf-8", 0);
    not_found = fixed(option(argc, argv, "--not-found", NULL), "text/html; charset=utf-8", 1);
    results = fixed(option(argc, argv, "--results", NULL), "application/json", 0);
    unauthorized = text("send an API token\n");
    too_large = text("Content Too Large\n");
    server_error = text("Internal Server Error\n");

    slot_count = 1 << 17;
    slots = calloc(slot_count, sizeof(Slot));
    char *links = strdup(option(argc, argv, "--links", NULL)), *state;
    for (char *file = strtok_r(links, ",", &state); file; file = strtok_r(NULL, ",", &state)) load_links(file);
    if (token_total * 2 > (int64_t)slot_count) die("too many tokens", NULL);

    // Signals are taken by sigwait below; blocked before any thread starts so every thread inherits it.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);

    sqlite3_close(open_database());  // create the schema before the first request
    pthread_t thread;
    if (pthread_create(&thread, NULL, writer, NULL) != 0) die("cannot start the writer", strerror(errno));

    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, (uint16_t)port,
        NULL, NULL, access_handler, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_CONNECTION_LIMIT, 1000u,
        MHD_OPTION_END);
    if (!daemon) die("cannot listen on the port", option(argc, argv, "--port", NULL));
    printf("reference: listening on port %d (%lld tokens)\n", port, (long long)token_total);
    fflush(stdout);

    int received;
    sigwait(&signals, &received);
    // Stopping with connections suspended would abort; the bench stops us between runs, so exit directly.
    _exit(0);
}

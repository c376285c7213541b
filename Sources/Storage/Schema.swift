import GRDB

/// The schema, as an ordered list of migrations. Never edit a migration that has shipped; add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: panel, surveys, invitations, responses, outbox, tokens") { db in
            // Who is on the panel. Contact data lives in member_contact, apart from everything that
            // is analysed, so erasure and exports can treat it separately.
            try db.execute(sql: """
                CREATE TABLE member (
                    id TEXT PRIMARY KEY NOT NULL,
                    wijk TEXT NOT NULL,
                    buurt TEXT,
                    birth_year INTEGER,
                    age_band TEXT,
                    gender TEXT NOT NULL,
                    language TEXT NOT NULL DEFAULT 'nl',
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX member_by_wijk ON member(wijk, buurt);
                CREATE TABLE member_contact (
                    member_id TEXT PRIMARY KEY NOT NULL REFERENCES member(id) ON DELETE CASCADE,
                    email TEXT NOT NULL,
                    postcode TEXT
                ) STRICT;

                -- Every version of every survey definition ever loaded, by the SHA-256 of its canonical JSON.
                CREATE TABLE survey_version (
                    survey_id TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    first_loaded_at TEXT NOT NULL,
                    PRIMARY KEY (survey_id, hash)
                ) STRICT;
                CREATE TABLE survey (
                    id TEXT PRIMARY KEY NOT NULL,
                    current_hash TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    FOREIGN KEY (id, current_hash) REFERENCES survey_version(survey_id, hash)
                ) STRICT;

                -- One personal link per member per survey. Only the SHA-256 of the token is kept.
                CREATE TABLE invitation (
                    id INTEGER PRIMARY KEY,
                    survey_id TEXT NOT NULL REFERENCES survey(id),
                    member_id TEXT NOT NULL REFERENCES member(id),
                    token_digest BLOB NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT,
                    UNIQUE (survey_id, member_id)
                ) STRICT;

                -- At most one response per invitation: the primary key makes two simultaneous submissions
                -- of one link end as one row. Answering again replaces the answers and bumps the revision.
                CREATE TABLE response (
                    invitation_id INTEGER PRIMARY KEY NOT NULL REFERENCES invitation(id),
                    survey_id TEXT NOT NULL,
                    definition_hash TEXT NOT NULL,
                    submitted_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    revision INTEGER NOT NULL DEFAULT 1,
                    FOREIGN KEY (survey_id, definition_hash) REFERENCES survey_version(survey_id, hash)
                ) STRICT;
                CREATE INDEX response_by_survey ON response(survey_id);
                CREATE TABLE answer (
                    invitation_id INTEGER NOT NULL REFERENCES response(invitation_id) ON DELETE CASCADE,
                    survey_id TEXT NOT NULL,
                    question_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (invitation_id, question_id, position)
                ) STRICT;
                CREATE INDEX answer_by_question ON answer(survey_id, question_id, value);

                -- Messages handed to delivery. The body is not kept: it holds a personal link.
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    invitation_id INTEGER REFERENCES invitation(id),
                    recipient TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    delivered_to TEXT,
                    created_at TEXT NOT NULL,
                    sent_at TEXT
                ) STRICT;
                CREATE INDEX outbox_by_status ON outbox(status);

                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY,
                    digest BLOB NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    label TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                ) STRICT;
                """)
        }
        // Foreign keys are checked at the end of the migration (GRDB's default), which the table
        // rebuilds below need: SQLite's procedure for changing a table's shape.
        migrator.registerMigration("v2: several links per invitation, reminders, members' rights, outbox queue") { db in
            try db.execute(sql: """
                -- An invitation may have several valid links: the first, and one per reminder, so a
                -- reminder never needs the first token back. Still only digests.
                CREATE TABLE invitation_token (
                    digest BLOB PRIMARY KEY NOT NULL,
                    invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX invitation_token_by_invitation ON invitation_token(invitation_id);
                INSERT INTO invitation_token (digest, invitation_id, created_at) SELECT token_digest, id, created_at FROM invitation;

                CREATE TABLE invitation_v2 (
                    id INTEGER PRIMARY KEY,
                    survey_id TEXT NOT NULL REFERENCES survey(id),
                    member_id TEXT NOT NULL REFERENCES member(id),
                    created_at TEXT NOT NULL,
                    revoked_at TEXT,
                    reminders_sent INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (survey_id, member_id)
                ) STRICT;
                INSERT INTO invitation_v2 (id, survey_id, member_id, created_at, revoked_at)
                    SELECT id, survey_id, member_id, created_at, revoked_at FROM invitation;
                DROP TABLE invitation;
                ALTER TABLE invitation_v2 RENAME TO invitation;
                CREATE INDEX invitation_by_member ON invitation(member_id, created_at);

                ALTER TABLE member ADD COLUMN unsubscribed_at TEXT;
                ALTER TABLE member ADD COLUMN erased_at TEXT;

                -- The outbox becomes a queue: a message waits, sealed, until it is delivered; its body
                -- (which holds a personal link) is encrypted with a key kept outside the database and
                -- removed once the message is sent or given up.
                CREATE TABLE outbox_v2 (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    invitation_id INTEGER REFERENCES invitation(id),
                    recipient TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    sealed_body BLOB,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT,
                    last_error TEXT,
                    delivered_to TEXT,
                    created_at TEXT NOT NULL,
                    sent_at TEXT
                ) STRICT;
                INSERT INTO outbox_v2 (id, kind, invitation_id, recipient, subject, status, attempts, last_error, delivered_to, created_at, sent_at)
                    SELECT id, kind, invitation_id, recipient, subject, status, attempts, last_error, delivered_to, created_at, sent_at FROM outbox;
                DROP TABLE outbox;
                ALTER TABLE outbox_v2 RENAME TO outbox;
                CREATE INDEX outbox_by_status ON outbox(status, next_attempt_at);
                CREATE INDEX outbox_by_invitation ON outbox(invitation_id);

                -- Members exercising their rights, without saying who: the kind and the moment only.
                CREATE TABLE privacy_event (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('unsubscribe', 'download', 'erasure')),
                    at TEXT NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("v3: population margins") { db in
            try db.execute(sql: """
                -- Population totals to weigh by, as imported by staff; replaces the shipped file.
                CREATE TABLE population (
                    scope TEXT NOT NULL,
                    variable TEXT NOT NULL,
                    category TEXT NOT NULL,
                    total REAL NOT NULL CHECK (total >= 0),
                    PRIMARY KEY (scope, variable, category)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v4: letters") { db in
            try db.execute(sql: """
                -- An invitation comes from the panel (a member's personal link) or from a letter to an
                -- address outside the panel (a code on paper). A letter's invitation has no member, so
                -- member_id becomes optional; answering, one response per invitation and revocation
                -- stay the same for both. Queries about the panel ask for channel = 'panel'.
                CREATE TABLE invitation_v4 (
                    id INTEGER PRIMARY KEY,
                    survey_id TEXT NOT NULL REFERENCES survey(id),
                    channel TEXT NOT NULL DEFAULT 'panel' CHECK (channel IN ('panel', 'letter')),
                    member_id TEXT REFERENCES member(id),
                    created_at TEXT NOT NULL,
                    revoked_at TEXT,
                    reminders_sent INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (survey_id, member_id),
                    CHECK ((channel = 'panel') = (member_id IS NOT NULL))
                ) STRICT;
                INSERT INTO invitation_v4 (id, survey_id, channel, member_id, created_at, revoked_at, reminders_sent)
                    SELECT id, survey_id, 'panel', member_id, created_at, revoked_at, reminders_sent FROM invitation;
                DROP TABLE invitation;
                ALTER TABLE invitation_v4 RENAME TO invitation;
                CREATE INDEX invitation_by_member ON invitation(member_id, created_at);
                CREATE INDEX invitation_by_survey ON invitation(survey_id, channel);

                -- Where a letter went, as far as reporting needs: wijk and buurt, never the address.
                -- Its code is a link like any other, as a digest in invitation_token.
                CREATE TABLE letter (
                    invitation_id INTEGER PRIMARY KEY NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,
                    wijk TEXT,
                    buurt TEXT
                ) STRICT;
                CREATE INDEX letter_by_area ON letter(wijk, buurt);

                -- Which addresses have a code for a survey, as digests of the normalised address, so a
                -- second run issues no second code. Deliberately not linked to the invitation (and
                -- WITHOUT ROWID, so not even the order of insertion is kept): the database cannot tell
                -- which address gave which answers.
                CREATE TABLE letter_address (
                    survey_id TEXT NOT NULL REFERENCES survey(id),
                    digest BLOB NOT NULL,
                    PRIMARY KEY (survey_id, digest)
                ) STRICT, WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5: staff accounts, sessions, audit log") { db in
            try db.execute(sql: """
                -- Staff who sign in with a password. Usernames are stored lower-case and compared without
                -- case; the password only as a self-describing scrypt string.
                CREATE TABLE staff_account (
                    id INTEGER PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    display_name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    wijk TEXT,
                    password_hash TEXT NOT NULL,
                    -- Failed logins since first_failed_at; reset by a success, a lock or an expired window.
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    first_failed_at TEXT,
                    locked_until TEXT,
                    disabled_at TEXT,
                    created_at TEXT NOT NULL
                ) STRICT;

                -- Signed-in browsers. Only the SHA-256 of the session id is kept; the CSRF token is not a
                -- credential on its own, so it is kept as is to be put in forms.
                CREATE TABLE staff_session (
                    id_digest BLOB PRIMARY KEY NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES staff_account(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    last_seen_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX staff_session_by_account ON staff_session(account_id);

                -- Tokens act for a wijk too, like the accounts of wijk-bound roles.
                ALTER TABLE api_token ADD COLUMN wijk TEXT;

                -- Append-only: each entry carries the SHA-256 of the one before (see AuditChain). The
                -- triggers stop mistakes in our own code; the chain is what catches anyone else.
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    details TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                ) STRICT;
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v6: initiatives and budgets") { db in
            try db.execute(sql: """
                -- Each initiative as the workflow left it: the domain value as JSON in `state`, with the
                -- columns queries select on beside it. The owner's status link is known only by its digest.
                CREATE TABLE initiative (
                    id TEXT PRIMARY KEY NOT NULL,
                    year INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    wijk TEXT NOT NULL,
                    buurt TEXT,
                    survey_id TEXT,
                    state TEXT NOT NULL,
                    status_token_digest BLOB NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    UNIQUE (year, number)
                ) STRICT;
                CREATE INDEX initiative_by_wijk ON initiative(wijk, status);
                CREATE INDEX initiative_by_survey ON initiative(survey_id);
                -- The owner's contact data, apart from everything that is published.
                CREATE TABLE initiative_contact (
                    initiative_id TEXT PRIMARY KEY NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    phone TEXT
                ) STRICT;
                -- Every transition: who, when, why.
                CREATE TABLE initiative_event (
                    id INTEGER PRIMARY KEY,
                    initiative_id TEXT NOT NULL REFERENCES initiative(id),
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    from_status TEXT NOT NULL,
                    to_status TEXT NOT NULL,
                    motivation TEXT
                ) STRICT;
                CREATE INDEX initiative_event_by_initiative ON initiative_event(initiative_id, id);
                -- The budget ledger: allocations come from the rule files, every other movement is a row.
                CREATE TABLE budget_mutation (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('commit', 'release', 'spend', 'transfer_in', 'transfer_out', 'carry_in', 'carry_out')),
                    line TEXT NOT NULL,
                    wijk TEXT,
                    year INTEGER NOT NULL,
                    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                    initiative_id TEXT REFERENCES initiative(id),
                    note TEXT NOT NULL
                ) STRICT;
                CREATE INDEX budget_mutation_by_line ON budget_mutation(year, wijk, line);
                """)
        }
        migrator.registerMigration("v7: recruitment, publication, re-confirmation") { db in
            try db.execute(sql: """
                -- Someone who signed up on the public page but has not yet confirmed their e-mail address:
                -- contact data only, no member yet. Known by the SHA-256 of the link in the confirmation
                -- mail; deleted once confirmed or expired.
                CREATE TABLE pending_signup (
                    token_digest BLOB PRIMARY KEY NOT NULL,
                    email TEXT NOT NULL,
                    wijk TEXT NOT NULL,
                    postcode TEXT,
                    birth_year INTEGER NOT NULL,
                    gender TEXT NOT NULL,
                    language TEXT NOT NULL,
                    code_digest BLOB,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX pending_signup_by_email ON pending_signup(email);
                CREATE INDEX pending_signup_by_expiry ON pending_signup(expires_at);

                -- Codes for letters that invite a random sample of residents to join. Single use, as
                -- digests, and deliberately not linked to the member they brought in: a code list kept
                -- beside the population register must not say which resident joined.
                CREATE TABLE recruitment_code (
                    digest BLOB PRIMARY KEY NOT NULL,
                    created_at TEXT NOT NULL,
                    used_at TEXT
                ) STRICT;

                -- How a member joined (NULL: the panel file), when they last said they want to stay,
                -- when they were last asked to, and when they were switched off for not answering.
                ALTER TABLE member ADD COLUMN recruited_via TEXT CHECK (recruited_via IN ('aanmelding', 'brief'));
                ALTER TABLE member ADD COLUMN confirmed_at TEXT;
                ALTER TABLE member ADD COLUMN reconfirm_asked_at TEXT;
                ALTER TABLE member ADD COLUMN lapsed_at TEXT;

                -- Personal links that belong to a member rather than to an invitation (after signing up,
                -- in a re-confirmation request). Digests only, gone with the member.
                CREATE TABLE member_link (
                    digest BLOB PRIMARY KEY NOT NULL,
                    member_id TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
                    purpose TEXT NOT NULL CHECK (purpose IN ('welcome', 'reconfirm')),
                    created_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX member_link_by_member ON member_link(member_id);

                -- A survey's results made public with what the municipality decided. Feedback goes out
                -- once per invitation, whatever happens to the command that sends it.
                CREATE TABLE survey_publication (
                    survey_id TEXT PRIMARY KEY NOT NULL REFERENCES survey(id),
                    decision_nl TEXT NOT NULL,
                    decision_en TEXT,
                    published_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE UNIQUE INDEX outbox_feedback_once ON outbox(invitation_id) WHERE kind = 'feedback';
                """)
        }
        migrator.registerMigration("v8: initiative links and messages") { db in
            try db.execute(sql: """
                -- Every message to an initiative's owner carries a fresh status link; all of them open the
                -- initiative, and only their digests are kept.
                CREATE TABLE initiative_link (
                    digest BLOB PRIMARY KEY NOT NULL,
                    initiative_id TEXT NOT NULL REFERENCES initiative(id),
                    created_at TEXT NOT NULL
                ) STRICT;
                -- Questions and answers between the owner and the buurtcoördinator, kept with the initiative.
                CREATE TABLE initiative_message (
                    id INTEGER PRIMARY KEY,
                    initiative_id TEXT NOT NULL REFERENCES initiative(id),
                    at TEXT NOT NULL,
                    author TEXT NOT NULL,
                    from_owner INTEGER NOT NULL,
                    body TEXT NOT NULL
                ) STRICT;
                CREATE INDEX initiative_message_by_initiative ON initiative_message(initiative_id, id);
                """)
        }
        return migrator
    }
}

"""Schema migrations, applied in order; ``PRAGMA user_version`` is the index of the last one.

Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

V1 = (
    """
    CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        channel TEXT,
        author TEXT,
        published_at TEXT,
        url TEXT,
        title TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (source, source_id)
    )
    """,
    "CREATE INDEX posts_by_published ON posts (published_at)",
    "CREATE INDEX posts_by_hash ON posts (content_hash)",
    """
    CREATE TABLE extractions (
        post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        extractor_version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        result_json TEXT NOT NULL,
        extracted_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE missions (
        post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        leader TEXT,
        leader_role TEXT,
        delegation_region TEXT,
        destination TEXT,
        event TEXT,
        mission_date TEXT,
        date_text TEXT,
        agreements_json TEXT NOT NULL,
        directions_json TEXT NOT NULL,
        company_count INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE companies (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        mentions_json TEXT NOT NULL
    )
    """,
    "CREATE INDEX companies_by_post ON companies (post_id, position)",
    "CREATE INDEX companies_by_key ON companies (name_key)",
    """
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        speaker TEXT,
        speaker_role TEXT,
        speaker_key TEXT,
        text TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect'))
    )
    """,
    "CREATE INDEX quotes_by_post ON quotes (post_id, position)",
    """
    CREATE TABLE summaries (
        post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        title TEXT,
        summary TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE subscribers (
        chat_id INTEGER PRIMARY KEY,
        user_id INTEGER,
        digest_time TEXT NOT NULL,
        tz TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('active', 'paused', 'blocked', 'unsubscribed')),
        last_digest_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES subscribers (chat_id) ON DELETE CASCADE,
        local_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'empty', 'failed')),
        claimed_by TEXT,
        claimed_at TEXT NOT NULL,
        finished_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        UNIQUE (chat_id, local_date)
    )
    """,
    "CREATE INDEX deliveries_by_status ON deliveries (status, local_date)",
    """
    CREATE TABLE refresh_runs (
        id INTEGER PRIMARY KEY,
        trigger TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        new INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        extracted INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL
    )
    """,
)

# Digest delivery: the instant a schedule starts counting (a new or changed subscription does
# not fire for a time of day that had already passed), and per-delivery progress so that a
# retried multi-part digest resumes with the same window and skips the parts already sent.
V2 = (
    "ALTER TABLE subscribers ADD COLUMN schedule_from TEXT",
    "ALTER TABLE deliveries ADD COLUMN window_end TEXT",
    "ALTER TABLE deliveries ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0",
)

# Digest readiness: the instant a post's first extraction was saved. Digests select by it, not
# by ``created_at``: a post stored by one transaction and extracted by a later one must not
# fall behind a window that a digest run moved on in between. Posts already extracted count as
# ready since their ingestion.
V3 = (
    "ALTER TABLE posts ADD COLUMN ready_at TEXT",
    "UPDATE posts SET ready_at = created_at WHERE id IN (SELECT post_id FROM extractions)",
    "CREATE INDEX posts_by_ready ON posts (ready_at)",
)

# Remote sources (channel web previews and feeds) with their status; what is known about
# channels (a public channel's username and its numeric id are one channel); readers' follows;
# and each post's channel key ("<chat id>" or "@username" for channel posts, the feed URL for
# feed entries) so that answers can be narrowed to what a reader follows.
V4 = (
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('telegram', 'feed')),
        key TEXT NOT NULL UNIQUE,
        address TEXT NOT NULL,
        title TEXT,
        region TEXT,
        region_key TEXT,
        chat_id INTEGER,
        origin TEXT NOT NULL,
        added_at TEXT NOT NULL,
        last_fetch_at TEXT,
        last_ok_at TEXT,
        last_item_id TEXT,
        last_post_at TEXT,
        posts_stored INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'new',
        last_error TEXT
    )
    """,
    """
    CREATE TABLE channels (
        chat_id INTEGER PRIMARY KEY,
        username_key TEXT UNIQUE,
        username TEXT,
        title TEXT,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE follows (
        chat_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('channel', 'region')),
        key TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, kind, key)
    )
    """,
    "ALTER TABLE posts ADD COLUMN channel_key TEXT",
    "UPDATE posts SET channel_key = substr(source_id, 1, instr(source_id, ':') - 1) "
    "WHERE source = 'channel' AND instr(source_id, ':') > 0",
    "CREATE INDEX posts_by_channel ON posts (channel_key)",
)

# Digest leases: a claim belongs to a running instance, which proves it is alive by beating
# (``heartbeat_at``); the claims of an instance silent for the lease are free for others.
# Heartbeats are unix seconds, not ISO text: a lease needs sub-second precision.
V5 = (
    """
    CREATE TABLE instances (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        heartbeat_at REAL NOT NULL
    )
    """,
    "CREATE INDEX deliveries_by_claimer ON deliveries (claimed_by) WHERE status = 'claimed'",
)

# Full-text search over every post (issue 11). ``post_search`` holds each post's lemma stream
# (``body``: one lemma per word, so that any case form finds any other; ``other``: the other
# lemmas of its ambiguous words, "стали" → "сталь" beside "стать") and the region keys of
# its mission (``regions``: for the "регион:" filter); its rowid is the post's id. Lemmas come
# from Python (ingest), so SQL cannot fill the index itself: ``search_state`` records which text
# (content hash) and which lemmatiser each post was indexed with, and a post whose row is
# missing or stale is indexed again by the next ingest or start. The triggers keep the index
# from ever answering with stale words: a post's text edited or the post deleted drops its index
# row at once, a mission saved or dropped (re-extraction) marks its regions stale. Existing posts
# are back-filled at the first start after this migration (every post is "missing").
# ``saved_searches`` lets page buttons carry a short id instead of a query of any length.
V6 = (
    """
    CREATE VIRTUAL TABLE post_search USING fts5(
        body, other, regions, tokenize = "unicode61 remove_diacritics 0"
    )
    """,
    # ``ORDER BY rank`` ranks by bm25 over the lemmas, the region keys not counting.
    "INSERT INTO post_search (post_search, rank) VALUES ('rank', 'bm25(1.0, 0.5, 0.0)')",
    """
    CREATE TABLE search_state (
        post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,
        lemmatiser TEXT NOT NULL,
        indexed_at TEXT NOT NULL
    )
    """,
    """
    CREATE TRIGGER posts_search_edited AFTER UPDATE OF text ON posts
    WHEN old.text IS NOT new.text
    BEGIN
        DELETE FROM post_search WHERE rowid = old.id;
        DELETE FROM search_state WHERE post_id = old.id;
    END
    """,
    """
    CREATE TRIGGER posts_search_deleted AFTER DELETE ON posts
    BEGIN
        DELETE FROM post_search WHERE rowid = old.id;
    END
    """,
    """
    CREATE TRIGGER missions_search_added AFTER INSERT ON missions
    BEGIN
        DELETE FROM search_state WHERE post_id = new.post_id;
    END
    """,
    """
    CREATE TRIGGER missions_search_dropped AFTER DELETE ON missions
    BEGIN
        DELETE FROM search_state WHERE post_id = old.post_id;
    END
    """,
    """
    CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        query TEXT NOT NULL,
        created_at TEXT NOT NULL
    )
    """,
)

# Named leases between instances ("broadcast": the one instance that sends digests, so that
# several share one Telegram budget; "refresh": the one that rescans the sources). A lease
# belongs to a running instance (``instances``): once its holder stops beating for the
# instance lease, or is gone, the next taker has it.
V7 = (
    """
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        taken_at TEXT NOT NULL
    )
    """,
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4, V5, V6, V7)

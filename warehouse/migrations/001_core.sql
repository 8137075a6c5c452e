-- Core tables: articles, the facts read from them, what validation held back, and runs.
-- Column names and types mirror the pandera models in schemas/ (a test keeps them equal).

create table runs (
    run_id              varchar primary key,   -- the Prefect flow run id
    started_at          timestamp not null,
    ended_at            timestamp,
    status              varchar not null,      -- running | completed | failed | died (killed mid-run) | skipped
    sources             varchar,               -- what the run was asked to read
    articles_read       bigint default 0,
    articles_new        bigint default 0,
    articles_unchanged  bigint default 0,
    articles_changed    bigint default 0,
    articles_failed     bigint default 0,
    facts_loaded        bigint default 0,
    facts_quarantined   bigint default 0,
    extractor_version   varchar,
    error               varchar
);

create table articles (
    article_id      varchar primary key,       -- hash of the normalised text
    source          varchar not null,          -- the path or URL it was first read from
    url             varchar,
    title           varchar,
    published_at    date,
    date_precision  varchar not null,          -- day | month | unknown
    text            varchar not null,
    n_chars         bigint not null,
    run_id          varchar not null,
    loaded_at       timestamp not null default current_timestamp
);

-- Every path, JSONL line or URL an article was read from, and the text it had there last
-- time: a source whose text changed replaces its old article.
create table article_sources (
    source      varchar primary key,
    file        varchar not null,          -- the file or URL the source lives in
    article_id  varchar not null,
    run_id      varchar not null,
    seen_at     timestamp not null default current_timestamp
);
create index article_sources_article on article_sources (article_id);

-- Files as last read: the same size and modification time means the file is not read again.
create table files (
    path      varchar primary key,
    size      bigint not null,
    mtime_ns  bigint not null,
    run_id    varchar not null
);

create table facts (
    fact_id            varchar primary key,
    article_id         varchar not null,
    kind               varchar not null,
    metric             varchar not null,
    value              bigint not null,
    value_max          bigint,
    qualifier          varchar not null,
    actor              varchar,
    target             varchar,
    weapon             varchar,
    location           varchar,
    event_date         date,
    attributed_to      varchar,
    evidence           varchar not null,
    evidence_start     bigint not null,
    evidence_end       bigint not null,
    extractor_version  varchar not null,
    run_id             varchar not null
);
create index facts_article on facts (article_id);

create table quarantine (
    quarantine_id  varchar primary key,        -- fingerprint of the fact and the check
    fact_id        varchar not null,
    article_id     varchar not null,
    run_id         varchar not null,
    check_name     varchar not null,
    message        varchar not null,
    fact           varchar not null,           -- the fact's columns as JSON
    status         varchar not null,           -- open | accepted | rejected | corrected
    created_at     timestamp not null default current_timestamp
);
create index quarantine_article on quarantine (article_id);

create table read_failures (
    run_id     varchar not null,
    source     varchar not null,
    reason     varchar not null,
    failed_at  timestamp not null default current_timestamp
);

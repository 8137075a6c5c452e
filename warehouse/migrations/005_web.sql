-- Scheduled and web ingestion: which configured source a run served, what it fetched, and
-- the validators (ETag, Last-Modified) that let the next run ask "changed since?" instead of
-- downloading a page again.

-- runs.status may now also be 'skipped': another run held the warehouse (error says which)
alter table runs add column source varchar;                  -- the config's source name; null for `newsfacts run`
alter table runs add column pages_fetched bigint default 0;  -- feeds and pages downloaded (HTTP 200)
alter table runs add column pages_not_modified bigint default 0;  -- answered 304: the kept copy was used
alter table runs add column pages_known bigint default 0;    -- feed entries already in the warehouse: not requested

-- One row per URL ever fetched: its validators and where its last body is kept
-- (`<warehouse>.web/`): feeds as XML, pages as the JSON article the reader takes.
create table web_cache (
    url            varchar primary key,
    kind           varchar not null,       -- feed | page | export
    etag           varchar,
    last_modified  varchar,
    cache_file     varchar not null,
    status         integer not null,       -- the last HTTP status (200 or 304)
    fetched_at     timestamp not null,     -- UTC
    run_id         varchar not null
);

-- Recent runs with their duration, newest first: what `newsfacts runs` shows.
create view recent_runs as
select run_id, started_at, ended_at,
       date_diff('millisecond', started_at, ended_at) / 1000.0 as duration_s,
       status, source, sources, articles_read, articles_new, articles_unchanged, articles_changed,
       articles_failed, facts_loaded, facts_quarantined, pages_fetched, pages_not_modified, pages_known, error
from runs
order by started_at desc;

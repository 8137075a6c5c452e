-- What newsfacts remembers about the web between runs (src/ingest/read/web/cache.py).
-- `fetched` is a frame of this run's validators the caller registers.

-- name: load
select url, kind, etag, last_modified, cache_file from web_cache;

-- name: save
insert into web_cache (url, kind, etag, last_modified, cache_file, status, fetched_at, run_id)
select url, kind, etag, last_modified, cache_file, status, $now, $run_id from fetched
on conflict (url) do update set kind = excluded.kind, etag = excluded.etag,
    last_modified = excluded.last_modified, cache_file = excluded.cache_file,
    status = excluded.status, fetched_at = excluded.fetched_at, run_id = excluded.run_id;

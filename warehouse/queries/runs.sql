-- The runs table as a run moves through it (src/ingest/load/run.py), and the fetch counts of a
-- run that read URLs (src/ingest/read/web/cache.py).

-- name: mark_died
-- The caller holds the run lock, so a run still marked running died (killed, crashed, power cut).
update runs set status = 'died', ended_at = $now,
    error = 'the run ended before it completed (process killed or crashed); nothing of it was loaded'
where status = 'running' and run_id <> $run_id;

-- name: start
-- $requested_at: when the command that asked for the run started (null for a scheduled run)
insert into runs (run_id, started_at, status, sources, extractor_version, source, requested_at)
values ($run_id, $now, 'running', $sources, $extractor_version, $source, $requested_at)
on conflict (run_id) do update set started_at = excluded.started_at, status = 'running';

-- name: skip
-- A run that did not start because another run held the warehouse.
insert into runs (run_id, started_at, ended_at, status, sources, extractor_version, source, error)
values ($run_id, $now, $now, 'skipped', $sources, $extractor_version, $source, $reason)
on conflict (run_id) do update set status = 'skipped', ended_at = excluded.ended_at,
    error = excluded.error;

-- name: fail
update runs set status = 'failed', ended_at = $now, error = $error where run_id = $run_id;

-- name: cancel
-- A run stopped by SIGINT or SIGTERM before its load committed; one that committed stays completed.
update runs set status = 'cancelled', ended_at = $now, error = $reason
where run_id = $run_id and status = 'running';

-- name: status
select status from runs where run_id = $run_id;

-- name: complete
update runs set status = 'completed', ended_at = $now, articles_read = $articles_read,
    articles_new = $articles_new, articles_unchanged = $articles_unchanged,
    articles_changed = $articles_changed, articles_failed = $articles_failed,
    facts_loaded = $facts_loaded, facts_quarantined = $facts_quarantined
where run_id = $run_id;

-- name: fetch_counts
update runs set pages_fetched = $fetched, pages_not_modified = $not_modified, pages_known = $known
where run_id = $run_id;

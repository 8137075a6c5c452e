-- The newest runs, of one source when $source is given (src/ingest/store/runlog.py).
select * from recent_runs
where $source is null or source = $source
limit $limit;

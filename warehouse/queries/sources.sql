-- Scheduled sources (warehouse/migrations/012_scheduled_sources.sql): a tick that found nothing
-- new is counted on its source (src/ingest/load/run.py), and read back (src/ingest/store/runlog.py).

-- name: drop_idle_run
-- Under the run lock, in the transaction that counts the tick: the run's own `running` row goes.
delete from runs where run_id = $run_id and status = 'running';

-- name: count_idle
insert into scheduled_sources (source, idle_ticks, last_idle_at, last_idle_run_id)
values ($source, 1, $now, $run_id)
on conflict (source) do update set idle_ticks = scheduled_sources.idle_ticks + 1,
    last_idle_at = excluded.last_idle_at, last_idle_run_id = excluded.last_idle_run_id;

-- name: ticks
select * from source_ticks where $source is null or source = $source;

-- A scheduled run that found nothing new to read (no file or page to read, nothing failed) is not
-- a row of `runs`: `newsfacts serve` polling an inbox every 30 s would add 2,880 empty rows a
-- day. Such a tick is counted on its source instead, in the transaction that drops its `running`
-- row. Runs that loaded, failed, were skipped or cancelled keep their rows.
-- Column names and types mirror schemas/runs.py ScheduledSourceModel (a test keeps them equal).

create table scheduled_sources (
    source            varchar primary key,   -- the config's source name (runs.source)
    idle_ticks        bigint not null,       -- scheduled runs that found nothing new
    last_idle_at      timestamp not null,    -- UTC: when the last of them ended
    last_idle_run_id  varchar not null       -- its Prefect flow run id (web_cache.run_id may name it)
);

-- Per scheduled source: its runs, its idle ticks, and when it last ran either way.
create view source_ticks as
with names as (
    select source from runs where source is not null
    union
    select source from scheduled_sources
),
ran as (
    select source, count(*) as runs, max(started_at) as last_run_at
    from runs where source is not null group by source
)
select n.source, coalesce(r.runs, 0) as runs, r.last_run_at, coalesce(s.idle_ticks, 0) as idle_ticks,
       s.last_idle_at, greatest(r.last_run_at, s.last_idle_at) as last_tick_at
from names n
left join ran r using (source)
left join scheduled_sources s using (source)
order by n.source;

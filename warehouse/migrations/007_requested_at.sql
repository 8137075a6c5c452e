-- When the command that started a run began (null for scheduled runs): `newsfacts runs` shows
-- the wall time the user waited, Prefect's start-up included, next to the flow's own duration.
alter table runs add column requested_at timestamp;  -- UTC

create or replace view recent_runs as
select run_id, started_at, ended_at,
       date_diff('millisecond', started_at, ended_at) / 1000.0 as duration_s,
       date_diff('millisecond', requested_at, ended_at) / 1000.0 as wall_s,
       status, source, sources, articles_read, articles_new, articles_unchanged, articles_changed,
       articles_failed, facts_loaded, facts_quarantined, pages_fetched, pages_not_modified, pages_known, error,
       requested_at
from runs
order by started_at desc;

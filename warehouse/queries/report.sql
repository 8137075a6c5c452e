-- The validation report (src/ingest/review/report.py), read in one read-only session.

-- name: runs
select run_id, started_at, status, coalesce(articles_read, 0), coalesce(articles_new, 0),
       coalesce(articles_failed, 0), coalesce(facts_loaded, 0), coalesce(facts_quarantined, 0)
from runs order by started_at, run_id;

-- name: held_by_check
-- What each run itself held back, not corrections that still failed.
select run_id, check_name, count(*) from quarantine
where coalesce(json_extract_string(fact, '$.origin'), 'extracted') = 'extracted'
group by 1, 2 order by 3 desc, 2;

-- name: articles
select count(*) from articles;

-- name: facts_by_origin
select origin, count(*) from facts group by 1 order by 1;

-- name: failures_by_status
select status, count(*) from quarantine group by 1 order by 1;

-- name: loaded_per_day
select coalesce(cast(d.decided_at as date), cast(r.started_at as date)) as day, count(*)
from facts f left join runs r using (run_id) left join decisions d on d.decision_id = f.decision_id
group by 1 having day is not null;

-- name: held_per_day
select cast(created_at as date) as day, count(distinct fact_id) from quarantine group by 1;

-- name: review_log
-- The newest decisions, with the fact as it was quarantined (for "value 60 → 50").
select l.decided_at, l.decided_by, l.action, l.outcome, l.quarantine_id, l.check_name, l.changes,
       l.note, l.title, q.fact
from review_log l left join quarantine q using (quarantine_id)
order by l.decided_at desc limit 50;

-- name: check_results
-- Per run and check, as Data Docs show a validation: rows checked, passed, failed, share passed.
select run_id, level, check_name, rows_checked, rows_passed, rows_failed, share_passed
from check_results order by started_at desc, run_id, level desc, rows_failed desc, check_name;

-- name: aerial_by_day
-- Drones and missiles launched and intercepted per event date and weapon class, every attacker.
select event_date, weapon_class, sum(launched)::bigint, sum(intercepted)::bigint
from daily_aerial_attacks group by 1, 2 order by 1, 2;

-- name: exchanges_by_day
-- People released per exchange date and releasing side (the parts added up where no total was said).
select event_date, released_by,
       sum(coalesce(prisoners, coalesce(soldiers, 0) + coalesce(civilians, 0)))::bigint
from exchanges group by 1, 2 order by 1, 2;

-- name: casualties_by_place
-- Killed and injured per place, the most first ($limit places).
select coalesce(location, 'no place stated') as place, sum(killed)::bigint, sum(injured)::bigint
from casualties_by_place
group by 1 order by coalesce(sum(killed), 0) + coalesce(sum(injured), 0) desc, 1 limit $limit;

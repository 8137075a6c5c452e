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
select decided_at, decided_by, action, outcome, quarantine_id, check_name, changes, note, title
from review_log limit 50;

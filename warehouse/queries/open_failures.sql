-- Quarantined facts with the check they failed, their article and the decision on them
-- (src/ingest/store/queries.py). $status null: every status; $check null: every check.
select q.quarantine_id as id, q.check_name as "check", q.message, q.status, q.article_id,
       q.run_id, q.fact, a.title, a.source, q.created_at,
       d.decision_id, d.action, d.outcome, d.decided_by, d.decided_at, d.note, d.changes,
       d.loaded_fact_id
from quarantine q left join articles a using (article_id)
left join decisions d on d.decision_id = q.decision_id
where ($status is null or q.status = $status)
  and ($check is null or q.check_name = $check)
order by q.created_at, q.quarantine_id;

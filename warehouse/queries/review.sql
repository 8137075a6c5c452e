-- Review decisions (src/ingest/review/decisions.py): finding a failure, reading it with its
-- article and decision, and deciding it in one short write transaction. `decided_fact` is a
-- one-row frame of FactModel columns the caller registers.

-- name: resolve_id
select quarantine_id from quarantine where starts_with(quarantine_id, $prefix) order by 1 limit 3;

-- name: failure_detail
select q.quarantine_id, q.check_name, q.message, q.status, q.fact, q.article_id, q.run_id,
       q.created_at, a.title, a.source, a.url, a.published_at, a.text,
       d.decision_id, d.action, d.outcome, d.decided_by, d.decided_at, d.note, d.changes,
       d.loaded_fact_id
from quarantine q
left join articles a using (article_id)
left join decisions d on d.decision_id = q.decision_id
where q.quarantine_id = $quarantine_id;

-- name: other_checks
select quarantine_id, check_name, message, status from quarantine
where fact_id = (select fact_id from quarantine where quarantine_id = $quarantine_id)
  and quarantine_id <> $quarantine_id
order by check_name;

-- name: to_decide
select q.fact_id, q.article_id, q.run_id, q.status, q.fact, d.decided_by, d.decided_at
from quarantine q left join decisions d on d.decision_id = q.decision_id
where q.quarantine_id = $quarantine_id;

-- name: article
select text, published_at, date_precision from articles where article_id = $article_id;

-- name: open_of_fact
select quarantine_id from quarantine where fact_id = $fact_id and status = 'open' order by 1;

-- name: record
insert into decisions (decision_id, quarantine_id, fact_id, article_id, action, changes, note,
                       decided_by, decided_at, outcome, loaded_fact_id)
values ($decision_id, $quarantine_id, $fact_id, $article_id, $action, $changes, $note,
        $decided_by, $decided_at, $outcome, $loaded_fact_id);

-- name: close
update quarantine set status = $status, decision_id = $decision_id
where list_contains($quarantine_ids::varchar[], quarantine_id);

-- name: facts_of_article
select * from facts where article_id = $article_id;

-- name: waiting_of_article
-- The article's other facts still waiting for review, each once.
select any_value(fact) from quarantine
where article_id = $article_id and status = 'open' and fact_id <> $fact_id
group by fact_id;

-- name: reopen
insert into quarantine (quarantine_id, fact_id, article_id, run_id, check_name, message, fact, status)
values ($quarantine_id, $fact_id, $article_id, $run_id, $check_name, $message, $fact, 'open')
on conflict (quarantine_id) do update set status = 'open', message = excluded.message,
    fact = excluded.fact, decision_id = null;

-- name: insert_fact
insert into facts by name select * from decided_fact on conflict do nothing;

-- Carrying decisions over (src/ingest/review/carry.py) and exporting them.

-- name: decisions_of_gone_articles
-- The standing decisions (not reopened) on facts of articles no longer in the warehouse (their
-- source now holds another text), oldest first, with the fact each was about.
select d.decision_id, d.quarantine_id, d.action, d.changes, d.note, d.decided_by, d.decided_at, q.fact
from decisions d join quarantine q on q.quarantine_id = d.quarantine_id
where d.article_id not in (select article_id from articles) and d.reopened_at is null
order by d.decided_at, d.decision_id;

-- name: open_of_run
-- The open failures of the articles a run loaded.
select quarantine_id, fact from quarantine
where status = 'open' and article_id in (select article_id from articles where run_id = $run_id)
order by quarantine_id;

-- name: open_failures
select quarantine_id, fact from quarantine where status = 'open' order by quarantine_id;

-- name: export
-- Every decision, oldest first, with the fact it was about (to replay it on another warehouse).
select d.decision_id, d.quarantine_id, d.fact_id, d.article_id, d.action, d.changes, d.note,
       d.decided_by, d.decided_at, d.outcome, d.loaded_fact_id, q.fact,
       d.reopened_at, d.reopened_by, d.reopen_note
from decisions d left join quarantine q on q.quarantine_id = d.quarantine_id
order by d.decided_at, d.decision_id;

-- name: has_decision
select count(*) from decisions where decision_id = $decision_id;

-- name: status_of
select status from quarantine where quarantine_id = $quarantine_id;

-- name: decision_of
-- The standing decision that closed a failure, and the run that quarantined it.
select d.decision_id, d.action, d.loaded_fact_id, q.run_id
from quarantine q join decisions d on d.decision_id = q.decision_id
where q.quarantine_id = $quarantine_id and d.reopened_at is null;

-- name: unload
-- The fact a reopened decision had put into `facts` leaves it.
delete from facts where decision_id = $decision_id;

-- name: drop_corrected_failures
-- A reopened correction's fact was never loaded: the failures it still had go.
delete from quarantine
where status = 'open' and json_extract_string(fact, '$.decision_id') = $decision_id;

-- name: reopen_closed
-- Every failure the decision closed is open again.
update quarantine set status = 'open', decision_id = null where decision_id = $decision_id
returning quarantine_id;

-- name: mark_reopened
update decisions set reopened_at = $at, reopened_by = $by, reopen_note = $note
where decision_id = $decision_id;

-- name: event_facts_of_article
-- The article's loaded facts of one event (kind and date): what a failing fact is checked against.
select fact_id, metric, value, value_max, qualifier, actor, target, weapon, location, evidence, origin
from facts
where article_id = $article_id and kind = $kind and event_date is not distinct from $event_date::date
order by evidence_start, metric;

-- name: event_reports
-- Every article's report of one event: the numbers behind the values it keeps.
select r.metric, r.value, r.value_max, r.qualifier, r.actor, r.target, r.weapon, r.evidence,
       coalesce(a.title, a.source) as article
from event_reports r join articles a using (article_id)
where r.event_id = $event_id
order by r.metric, r.actor, r.value;

-- name: vocabulary
-- The values facts use, per correctable text field: the review page's choices.
select distinct name, value from (
    select 'actor' as name, actor as value from facts
    union all select 'actor', target from facts
    union all select 'weapon', weapon from facts
    union all select 'location', location from facts
    union all select 'attributed_to', attributed_to from facts
) where value is not null
order by name, value;

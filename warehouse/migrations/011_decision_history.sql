-- Decisions can be reopened: the failure goes back to the queue and what the decision did is
-- undone (a fact it loaded leaves `facts`; a correction's new failures go), but the decision
-- row stays as history, marked with who reopened it, when and why. A later decision on the same
-- failure is a new row: the review log keeps every one.

alter table decisions add column reopened_at timestamp;   -- UTC; null while the decision stands
alter table decisions add column reopened_by varchar;
alter table decisions add column reopen_note varchar;

-- Who decided what, newest first, with the decisions later reopened marked.
create or replace view review_log as
select d.decision_id, d.decided_at, d.decided_by, d.action, d.outcome, d.quarantine_id, q.check_name,
       q.message, d.changes, d.note, d.fact_id, d.loaded_fact_id, d.article_id, a.title,
       d.reopened_at, d.reopened_by, d.reopen_note
from decisions d
left join quarantine q using (quarantine_id)
left join articles a on a.article_id = d.article_id
order by d.decided_at desc;

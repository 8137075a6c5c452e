-- Around the events rebuild (src/ingest/load/events.py): the run it works for, the values the
-- event checks see, what it counted, the event failures it keeps or clears, and the temporary
-- tables of events_rebuild.sql dropped again. `ev_held` is a frame the caller registers.

-- name: run_id
set variable run_id = $run_id;

-- name: values
-- Each event's values with the event's kind, date and place, and the article whose sentence
-- (`evidence`) states the kept number: its id and its title (else its source).
select v.* exclude (evidence_article_id), e.kind, e.event_date, e.location,
       v.evidence_article_id as article_id, coalesce(a.title, a.source) as article
from ev_values v join ev_events e using (event_id)
join articles a on a.article_id = v.evidence_article_id;

-- name: counts
-- The warehouse's events after the rebuild (of every part, rebuilt or not), and the facts the
-- rebuild read.
select
    (select count(*) from events)                             as events,
    (select count(*) from event_facts)                        as facts_linked,
    (select count(*) from facts where kind <> 'cumulative')   as reports,
    (select count(*) from event_values where conflict)        as conflicts,
    (select count(*) from ev_reports)                         as rebuilt,
    (select count(*) from ev_scope)                           as parts;

-- name: release
-- An open event failure the events no longer show goes; one still failing keeps its row (first
-- run, time, and any review). Only the events of the parts rebuilt were checked: the failures
-- of the others stay as they are.
delete from quarantine
where status = 'open'
  and (list_contains($checks, check_name) or starts_with(check_name, $column_prefix))
  and quarantine_id not in (select quarantine_id from ev_held)
  and (fact_id in (select event_id from ev_events) or fact_id not in (select event_id from events));

-- name: hold
insert into quarantine by name select * from ev_held on conflict do nothing;

-- name: drop_temp
drop table if exists ev_inputs;
drop table if exists ev_scope;
drop table if exists ev_scope_all;
drop table if exists ev_chunks;
drop table if exists ev_reports;
drop table if exists ev_dated;
drop table if exists ev_undated;
drop table if exists ev_stated;
drop table if exists ev_named;
drop table if exists ev_spans;
drop table if exists ev_anchored;
drop table if exists ev_agreeing;
drop table if exists ev_matched;
drop table if exists ev_agreed;
drop table if exists ev_links;
drop table if exists ev_said;
drop table if exists ev_values;
drop table if exists ev_events;
drop macro if exists ev_part;
drop macro if exists ev_parties;
drop macro if exists ev_agrees_from;
drop macro if exists ev_agrees_to;

-- Review: what a person decided about a quarantined fact, and where each fact came from.
-- A decision is final and keyed to the quarantine row it was made on. Quarantine rows are
-- fingerprints of (fact, check): a re-run that finds the same failure finds the decision too.

create table decisions (
    decision_id     varchar primary key,
    quarantine_id   varchar not null,          -- the failure the decision was made on
    fact_id         varchar not null,          -- the quarantined fact it was about
    article_id      varchar not null,
    action          varchar not null,          -- accept | reject | correct
    changes         varchar,                   -- correct: the changed fields as JSON, e.g. {"value": 42}
    note            varchar,
    decided_by      varchar not null,          -- the OS user, or --by
    decided_at      timestamp not null,        -- UTC
    outcome         varchar not null,          -- loaded | kept_out | still_failing | cleared (an event value)
    loaded_fact_id  varchar                    -- the fact the decision put into `facts`, if any
);
create index decisions_quarantine on decisions (quarantine_id);

-- The decision that closed a failure (every open row of the same fact closes with it).
alter table quarantine add column decision_id varchar;

-- Provenance of a fact: loaded by a run as extracted, or put there by a person's decision.
-- (Not null is left to FactModel: DuckDB cannot add a not-null column to an indexed table.)
alter table facts add column origin varchar default 'extracted';  -- extracted | accepted | corrected
alter table facts add column decision_id varchar;

-- Who decided what, newest first: the review log.
create view review_log as
select d.decision_id, d.decided_at, d.decided_by, d.action, d.outcome, d.quarantine_id, q.check_name,
       q.message, d.changes, d.note, d.fact_id, d.loaded_fact_id, d.article_id, a.title
from decisions d
left join quarantine q using (quarantine_id)
left join articles a on a.article_id = d.article_id
order by d.decided_at desc;

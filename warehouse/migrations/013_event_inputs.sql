-- What the last events rebuild was built from: one row per event fact (cumulative facts are
-- never events), with the part of the warehouse it belongs to and a hash of every column the
-- rebuild reads. A load rebuilds only the parts whose facts changed since (issue 13): facts of
-- one kind, parties and place only ever meet each other (docs/events.md). An empty table (a
-- warehouse from before this migration) makes the next load rebuild every part.
-- Column names and types mirror schemas/events.py EventInputModel (a test keeps them equal).

create table event_inputs (
    fact_id   varchar not null,
    part      varchar not null,   -- kind | parties | place, as events_rebuild.sql's `scope` writes it
    row_hash  bigint not null     -- of the fact's columns and its article's date, title and source
);

-- The events rebuild in chunks (src/ingest/load/events.py, CHUNK_FACTS): a large scope is cut
-- into chunks of whole parts of about CHUNK_FACTS facts each (every exchange part in one, as
-- an agreed size joins exchanges across places); each chunk runs the steps after `scope` with
-- `ev_scope` holding its parts, and what the checks and counts read is gathered across them.

-- name: set_chunk_facts
set variable ev_chunk_facts = $chunk_facts;

-- name: set_chunk
set variable ev_chunk = $chunk;

-- name: assign
-- The chunk of each part of the scope; returns how many chunks there are.
create or replace temp table ev_chunks as
with sizes as (
    select s.part, count(i.fact_id) as n,
           case when starts_with(s.part, 'prisoner_exchange|') then 'prisoner_exchange|' else s.part end as unit
    from ev_scope s left join ev_inputs i using (part)
    group by all
),
units as (
    select unit, sum(n) as n from sizes group by unit
),
placed as (
    select unit, (coalesce(sum(n) over (order by unit rows between unbounded preceding and 1 preceding), 0)
                  // getvariable('ev_chunk_facts'))::bigint as chunk
    from units
),
numbered as (  -- chunks numbered 0, 1, 2 … without gaps
    select unit, dense_rank() over (order by chunk) - 1 as chunk from placed
)
select s.part, n.chunk from sizes s join numbered n using (unit);
create or replace temp table ev_scope_all as select part from ev_scope;
select count(distinct chunk) from ev_chunks;

-- name: scope
create or replace temp table ev_scope as select part from ev_chunks where chunk = getvariable('ev_chunk');

-- name: first
create or replace temp table ev_values_all as select * from ev_values;
create or replace temp table ev_events_all as select * from ev_events;
create or replace temp table ev_reports_all as select fact_id from ev_reports;

-- name: keep
insert into ev_values_all select * from ev_values;
insert into ev_events_all select * from ev_events;
insert into ev_reports_all select fact_id from ev_reports;

-- name: whole
-- The whole scope again, and every chunk's values, events and facts read, for the checks and counts.
create or replace temp table ev_scope as select part from ev_scope_all;
create or replace temp table ev_values as select * from ev_values_all;
create or replace temp table ev_events as select * from ev_events_all;
create or replace temp table ev_reports as select fact_id from ev_reports_all;
drop table ev_values_all;
drop table ev_events_all;
drop table ev_reports_all;

-- Rebuilding events from facts: the steps src/ingest/load/events.py runs, in order, inside the
-- load's transaction, after `set variable run_id`. Each step starts with a "-- name: step"
-- line. Not a migration (it lives in queries/). docs/events.md states the rule in words.

-- name: scope
-- The parts of the warehouse to rebuild. Facts of one kind, parties and place (a `part`) only
-- ever meet each other: an event's id hashes them, and an undated group is matched only with
-- events of its own part. The one exception is an exchange's agreed size, which joins the one
-- exchange its article reports whatever its place: any exchange part changed rebuilds them all.
-- A part is rebuilt when one of its facts, or the article's date, title or source, is not as
-- the last rebuild read it (`event_inputs`), and so is a part that still has events but no fact.
-- A fact's parties as a key ('Russia → Ukraine'; an exchange's two directions share one,
-- 'Russia ⇄ Ukraine'), and its part; `events` rows carry kind, parties and place themselves.
create or replace temp macro ev_parties(kind, actor, target) as
    case when kind = 'prisoner_exchange'
        then least(coalesce(actor, '?'), coalesce(target, '?')) || ' ⇄ '
             || greatest(coalesce(actor, '?'), coalesce(target, '?'))
        else coalesce(actor, '?') || ' → ' || coalesce(target, '?')
    end;
create or replace temp macro ev_part(kind, parties, location) as
    kind || '|' || parties || '|' || coalesce(location, '');
-- Two numbers agree when they are within 10 % of the larger: `|a - b| <= max(a, b) // 10` in
-- integers (values are never negative). The numbers that agree with b are exactly those from
-- `b - b // 10` to `b + b // 9` (the upper end saturating at the largest bigint rather than
-- overflow; tests/load/test_events.py checks both ends), so "agrees with one of an event's
-- numbers" is "lies in one of the spans those ranges merge into" (`ev_spans`).
create or replace temp macro ev_agrees_from(b) as b - b // 10;
create or replace temp macro ev_agrees_to(b) as b + least(b // 9, 9223372036854775807 - b);
create or replace temp table ev_inputs as
select
    f.fact_id,
    ev_part(f.kind, ev_parties(f.kind, f.actor, f.target), f.location) as part,
    (hash(f.article_id, f.metric, f.value, f.value_max, f.qualifier, f.actor, f.target, f.weapon,
          f.location, f.event_date, f.attributed_to, f.evidence, a.published_at, a.date_precision,
          a.title, a.source) >> 1)::bigint as row_hash
from facts f join articles a using (article_id)
where f.kind <> 'cumulative';
create or replace temp table ev_scope as
with changed as (
    select distinct part from (
        (select * from ev_inputs except select * from event_inputs)
        union all
        (select * from event_inputs except select * from ev_inputs)
    )
    union
    (select ev_part(kind, parties, location) from events
     except select part from ev_inputs)
)
select part from changed
union
select part from (select part from ev_inputs union select part from event_inputs
                  union select ev_part(kind, parties, location) from events)
where starts_with(part, 'prisoner_exchange|')
  and exists (select 1 from changed where starts_with(part, 'prisoner_exchange|'));
-- A link of a fact no longer in the warehouse goes, once for the whole rebuild (not per chunk).
delete from event_facts where fact_id not in (select fact_id from facts);

-- name: reports
-- Every event fact of the parts rebuilt, with its article's date and its parties as a key:
-- 'Russia → Ukraine'; the two directions of an exchange share one key, 'Russia ⇄ Ukraine'.
-- A fact's part is worked out again here and looked up among the few parts of the scope, rather
-- than its id among the ids of every event fact (`ev_inputs`): a chunk reads the facts once.
create or replace temp table ev_reports as
select
    f.fact_id, f.article_id, f.kind, f.metric, f.value, f.actor, f.target, f.weapon, f.location,
    f.event_date, a.published_at, a.date_precision,
    -- join keys: nulls as values, so that joins are plain equi-joins
    coalesce(f.actor, '?') as ak, coalesce(f.target, '?') as tk, coalesce(f.location, '') as lk,
    ev_parties(f.kind, f.actor, f.target) as parties
from facts f join articles a using (article_id)
where f.kind <> 'cumulative'
  and ev_part(f.kind, ev_parties(f.kind, f.actor, f.target), f.location) in (select part from ev_scope);

-- name: same_key
-- A dated fact belongs to the event of its kind, date, place and parties; the id hashes them.
-- `month` only makes the anchors' join cheap.
create or replace temp table ev_dated as
select
    substr(md5(kind || '|' || strftime(event_date, '%Y-%m-%d') || '|' || coalesce(location, '')
               || '|' || parties), 1, 16)                     as event_id,
    *,
    date_trunc('month', event_date)::date                     as month
from ev_reports
where event_date is not null and metric <> 'prisoners_agreed';

-- name: undated
-- Facts without a date, in groups: an article's undated facts of one kind, place and parties
-- (its account of one attack, exchange or incident). Each has the period its event may lie in:
-- a week before its article's day to the day after; its article's month from a week before the
-- 1st; no bounds when the article is undated. A group that could never link (a single number
-- under 10) is left out; the group's largest number is its anchor.
create or replace temp table ev_undated as
select * from (
    select *,
        count(*) over (partition by grp)                                          as n_group,
        max(value) over (partition by grp)                                        as top,
        row_number() over (partition by grp order by value desc, fact_id) = 1     as anchor
    from (
        select *,
            hash(article_id, kind, location, parties)                      as grp,
            case date_precision
                when 'day' then published_at - 7
                when 'month' then date_trunc('month', published_at)::date - 7
            end as period_start,
            case date_precision
                when 'day' then published_at + 1
                when 'month' then last_day(published_at)
            end as period_end
        from ev_reports
        where event_date is null and metric <> 'prisoners_agreed'
    )
)
where n_group >= 2 or top >= 10;

-- name: anchored
-- The events a group's anchor agrees with: a dated report of the event has the same kind,
-- parties, place, metric and direction, a compatible weapon (the same, or one unnamed), a
-- number within 10 % of the anchor and a date in the group's period. Each event's numbers for a
-- metric and direction are kept as the spans of the numbers that agree with one of them
-- (`ev_spans`: a few rows an event, however many reports it has), once over all its numbers
-- (for a fact naming no weapon) and once per weapon its reports name or leave unnamed (a fact
-- naming a weapon agrees with the numbers of that weapon and of none). The join probes by month,
-- which with the period bounds what it finds: one event a day at most, for a key.
-- A group of an undated article has no period, so nothing narrows it down but its numbers: its
-- anchor's number must be equal, and the event one that a number of the group names alone (no
-- other event states that number for that kind, parties, place, metric and direction). Looked
-- up by that number (`ev_named`), never matched against every event that ever stated it.
-- A group of one fact links only to the one event its anchor agrees with (two or more are a
-- tie), so for such a group only that event is kept, by a min and max rather than a distinct.
create or replace temp table ev_stated as
select distinct event_id, kind, parties, metric, lk, ak, tk, month, event_date, value, weapon
from ev_dated;
create or replace temp table ev_named as
select kind, parties, metric, lk, ak, tk, value, min(event_id) as event_id
from ev_stated
group by all
having count(distinct event_id) = 1;
create or replace temp table ev_spans as
with keyed as (
    select *, ev_agrees_from(value) as lo, ev_agrees_to(value) as hi
    from (
        select * exclude (weapon, value), true as any_weapon, null::varchar as weapon, value
        from ev_stated
        union all
        select * exclude (weapon, value), false, weapon, value from ev_stated
    )
),
marked as (  -- a span opens where its range starts past the ranges before it (integers: +1)
    select *,
        coalesce(lo > max(hi) over (partition by event_id, metric, ak, tk, any_weapon, weapon
                                    order by lo rows between unbounded preceding and 1 preceding) + 1,
                 true) as opens
    from keyed
),
numbered as (
    select *,
        sum(opens::int) over (partition by event_id, metric, ak, tk, any_weapon, weapon
                              order by lo rows unbounded preceding) as span
    from marked
)
select event_id, kind, parties, metric, lk, ak, tk, month, event_date, any_weapon, weapon,
       min(lo) as lo, max(hi) as hi
from numbered
group by event_id, kind, parties, metric, lk, ak, tk, month, event_date, any_weapon, weapon, span;
create or replace temp table ev_anchored as
with anchors as (
    select * from ev_undated where anchor
),
probes as (  -- each month of the period, by each weapon it agrees with (two unnests in one
              -- select would pair their lists up, not combine them)
    select *,
        unnest(
            generate_series(date_trunc('month', period_start), date_trunc('month', period_end), interval 1 month)::date[]
        ) as probe_month
    from (
        select *, weapon is null as any_weapon,
               unnest(case when weapon is null then [null] else [weapon, null] end) as probe_weapon
        from anchors where period_start is not null
    )
),
named as (
    select distinct u.grp, n.event_id
    from ev_undated u join ev_named n
      on n.kind = u.kind and n.parties = u.parties and n.metric = u.metric and n.value = u.value
     and n.lk = u.lk and n.ak = u.ak and n.tk = u.tk
    where u.period_start is null
),
agreeing as not materialized (
    select u.grp, u.n_group, d.event_id
    from probes u join ev_spans d
      on d.kind = u.kind and d.parties = u.parties and d.metric = u.metric
     and d.lk = u.lk and d.ak = u.ak and d.tk = u.tk and d.month = u.probe_month
     and d.any_weapon = u.any_weapon and coalesce(d.weapon, '') = coalesce(u.probe_weapon, '')
     and (d.weapon is null) = (u.probe_weapon is null)
    where u.value between d.lo and d.hi and d.event_date between u.period_start and u.period_end
    union all
    select u.grp, u.n_group, d.event_id
    from anchors u join named m on m.grp = u.grp
    join ev_stated d
      on d.event_id = m.event_id and d.kind = u.kind and d.parties = u.parties and d.metric = u.metric
     and d.value = u.value and d.lk = u.lk and d.ak = u.ak and d.tk = u.tk
    where u.period_start is null
      and (u.weapon is null or d.weapon is null or u.weapon = d.weapon)
)
select distinct grp, event_id from agreeing where n_group > 1
union all
select grp, min(event_id) from agreeing where n_group = 1
group by grp having min(event_id) = max(event_id);

-- name: candidates
-- Whether a group's number agrees with an event its anchor agrees with, by the same test: it lies
-- in one of the event's spans for the metric, direction and a compatible weapon; for a group
-- without a period, the event states the same number. Tested once for each number, metric,
-- direction, weapon and event, not once for each fact: the facts of many groups state the same.
create or replace temp table ev_agreeing as
with asked as (
    select distinct a.event_id, u.metric, u.ak, u.tk, u.value, u.weapon, u.period_start is null as exact
    from ev_anchored a join ev_undated u using (grp)
)
select q.* from asked q
where not q.exact
  and exists (
    select 1 from ev_spans d
    where d.event_id = q.event_id and d.metric = q.metric and d.ak = q.ak and d.tk = q.tk
      and d.any_weapon = (q.weapon is null) and (d.weapon is null or d.weapon = q.weapon)
      and q.value between d.lo and d.hi
  )
union all
select q.* from asked q
where q.exact
  and exists (
    select 1 from ev_stated d
    where d.event_id = q.event_id and d.metric = q.metric and d.ak = q.ak and d.tk = q.tk
      and d.value = q.value and (q.weapon is null or d.weapon is null or d.weapon = q.weapon)
  );

-- name: numbers_match
-- A group joins the one event the most of its facts agree with. A tie between events leaves
-- it unlinked, and so does a match resting on a single number under 10. Only the facts that
-- agree join. (A group of one fact has here the one event it can link to.)
-- The joins run in the order written: DuckDB's join order optimizer would join the group's facts
-- to `ev_agreeing` by number alone before the events (36 million rows for one chunk of the
-- 250,000-article bench, 20 s, against 0.4 s as written).
set disabled_optimizers = 'join_order';
create or replace temp table ev_matched as
with scored as (
    select u.grp, a.event_id, count(*) as n_agree, max(u.value) as top
    from ev_anchored a join ev_undated u using (grp)
    join ev_agreeing g
      on g.event_id = a.event_id and g.metric = u.metric and g.ak = u.ak and g.tk = u.tk
     and g.value = u.value and coalesce(g.weapon, '') = coalesce(u.weapon, '')
     and (g.weapon is null) = (u.weapon is null)
     and g.exact = (u.period_start is null)
    group by all
),
ranked as (
    select *, rank() over (partition by grp order by n_agree desc) as r
    from scored
),
best as (
    select *, count(*) over (partition by grp) as n_best
    from ranked where r = 1
)
select u.fact_id, b.event_id
from best b join ev_undated u using (grp)
join ev_agreeing g
  on g.event_id = b.event_id and g.metric = u.metric and g.ak = u.ak and g.tk = u.tk
 and g.value = u.value and coalesce(g.weapon, '') = coalesce(u.weapon, '')
 and (g.weapon is null) = (u.weapon is null)
 and g.exact = (u.period_start is null)
where b.n_best = 1 and (b.n_agree >= 2 or b.top >= 10);
reset disabled_optimizers;

-- name: agreed_size
-- An agreed size ("1,000 for 1,000") joins the exchange its article reports, when it reports
-- exactly one.
create or replace temp table ev_agreed as
with linked as (
    select article_id, event_id from ev_dated where kind = 'prisoner_exchange'
    union
    select r.article_id, m.event_id
    from ev_matched m join ev_reports r using (fact_id)
    where r.kind = 'prisoner_exchange'
),
one as (
    select article_id, min(event_id) as event_id from linked group by article_id having count(*) = 1
)
select r.fact_id, one.event_id
from ev_reports r join one using (article_id)
where r.metric = 'prisoners_agreed';

-- name: links
create or replace temp table ev_links as
select event_id, fact_id, 'same_key' as link from ev_dated
union all
select event_id, fact_id, 'numbers_match' from ev_matched
union all
select event_id, fact_id, 'agreed_size' from ev_agreed;

-- name: write_event_facts
-- In place: a fact that left every event goes, a fact that moved is updated, a new one added.
-- Only the parts rebuilt are touched (the links of facts no longer in the warehouse went in `scope`).
delete from event_facts
where fact_id not in (select fact_id from ev_links)
  and event_id in (select event_id from events
                   where ev_part(kind, parties, location) in (select part from ev_scope));
insert into event_facts (event_id, fact_id, link)
select event_id, fact_id, link from ev_links
on conflict (fact_id) do update set event_id = excluded.event_id, link = excluded.link
where event_facts.event_id <> excluded.event_id or event_facts.link <> excluded.link;

-- name: values
-- Each event's value per metric and direction of the parts rebuilt, over the articles' numbers (event_reports):
-- the number the most articles state, ties to the lowest; 'exact' if any of them says so.
-- `evidence` is a sentence stating the kept number, `evidence_article_id` the article it is in.
-- `each_way`: some article states the metric for both directions with one number.
create or replace temp table ev_said as
select event_id, article_id, metric, actor, target, value, value_max, qualifier, weapon, evidence
from event_reports_of('ev_links');  -- event_reports of the events just rebuilt (migration 015)
create or replace temp table ev_values as
with cited as (
    select event_id, metric, actor, target, value, value_max,
           count(*)                                                            as n_cited,
           case when bool_or(qualifier = 'exact') then 'exact' else min(qualifier) end as qualifier,
           min(weapon)                                                         as weapon,
           min(evidence)                                                       as evidence,
           arg_min(article_id, (evidence, article_id))                         as evidence_article_id
    from ev_said
    group by event_id, metric, actor, target, value, value_max
),
ranked as (
    select *,
           row_number() over (partition by event_id, metric, actor, target
                              order by n_cited desc, value, value_max nulls first) as r,
           count(*) over (partition by event_id, metric, actor, target)        as n_values,
           (sum(n_cited) over (partition by event_id, metric, actor, target))::bigint as n_reports,
           min(weapon) over (partition by event_id, metric, actor, target)     as any_weapon
    from cited
),
each_way as (
    select event_id, metric, bool_or(n_dir = 2 and n_num = 1) as each_way
    from (
        select event_id, article_id, metric,
               count(distinct actor) filter (where actor is not null and target is not null) as n_dir,
               count(distinct value) as n_num
        from ev_said group by all
    ) group by all
)
select
    k.event_id, k.metric, k.actor, k.target, k.value, k.value_max, k.qualifier,
    coalesce(k.weapon, k.any_weapon) as weapon, k.n_reports, k.n_values,
    k.n_values > 1 as conflict, coalesce(w.each_way, false) as each_way, k.evidence,
    k.evidence_article_id
from ranked k
left join each_way w on w.event_id = k.event_id and w.metric = k.metric
where k.r = 1;

-- name: events
create or replace temp table ev_events as
with linked as (
    select l.event_id, f.article_id, f.attributed_to, a.published_at, a.date_precision
    from ev_links l join facts f using (fact_id) join articles a on a.article_id = f.article_id
),
keyed as (
    select event_id, any_value(kind) as kind, any_value(event_date) as event_date,
           any_value(location) as location, any_value(parties) as parties
    from ev_dated group by event_id
),
counted as (
    select event_id,
           count(distinct article_id)                                        as n_articles,
           count(distinct attributed_to)                                     as n_sources,
           count(*)                                                          as n_facts,
           min(published_at) filter (where date_precision = 'day')           as first_reported_at,
           max(published_at) filter (where date_precision = 'day')           as last_reported_at,
           -- where a reviewer starts: the earliest dated article, else the smallest id
           arg_min(article_id, (coalesce(published_at, date '9999-12-31'), article_id)) as article_id
    from linked group by event_id
),
conflicted as (
    select event_id, count(*) filter (where conflict) as n_conflicts from ev_values group by event_id
)
select k.event_id, k.kind, k.event_date, k.location, k.parties,
       c.n_articles, c.n_sources, c.n_facts, coalesce(x.n_conflicts, 0) as n_conflicts,
       c.first_reported_at, c.last_reported_at, c.article_id
from keyed k
join counted c using (event_id)
left join conflicted x using (event_id);

-- name: write_events
-- In place: an event whose numbers changed is updated (run_id says which run changed it last),
-- an event no fact supports any more goes. The values of the parts rebuilt are rewritten whole.
insert into events (event_id, kind, event_date, location, parties, n_articles, n_sources, n_facts,
                    n_conflicts, first_reported_at, last_reported_at, created_run_id, run_id)
select event_id, kind, event_date, location, parties, n_articles, n_sources, n_facts,
       n_conflicts, first_reported_at, last_reported_at, getvariable('run_id'), getvariable('run_id')
from ev_events
on conflict (event_id) do update set
    n_articles = excluded.n_articles, n_sources = excluded.n_sources, n_facts = excluded.n_facts,
    n_conflicts = excluded.n_conflicts, first_reported_at = excluded.first_reported_at,
    last_reported_at = excluded.last_reported_at, run_id = excluded.run_id
where events.n_articles <> excluded.n_articles or events.n_sources <> excluded.n_sources
   or events.n_facts <> excluded.n_facts or events.n_conflicts <> excluded.n_conflicts
   or events.first_reported_at is distinct from excluded.first_reported_at
   or events.last_reported_at is distinct from excluded.last_reported_at;
delete from events
where event_id not in (select event_id from ev_events)
  and ev_part(kind, parties, location) in (select part from ev_scope);
delete from event_values
where event_id in (select event_id from ev_events) or event_id not in (select event_id from events);
insert into event_values (event_id, metric, actor, target, value, value_max, qualifier, weapon,
                          n_reports, n_values, conflict, each_way)
select event_id, metric, actor, target, value, value_max, qualifier, weapon,
       n_reports, n_values, conflict, each_way
from ev_values;

-- name: record_inputs
-- What the parts rebuilt were built from, for the next load to compare with.
delete from event_inputs where part in (select part from ev_scope);
insert into event_inputs select i.* from ev_inputs i join ev_scope s using (part);

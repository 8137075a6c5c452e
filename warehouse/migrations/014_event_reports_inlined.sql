-- `event_reports` as in 004_events.sql, with its first step (`linked`: each event fact with its
-- columns) not materialized: DuckDB materialized it, because two steps read it, so a query of
-- the view for some events joined every event fact first. Inlined, the whole view reads in
-- about half the time (1.28 -> 0.71 s at 200,000 facts), the same rows; the events rebuild reads
-- it for the events it rebuilt (issue 13).

-- What each article says about each event: one number per article, metric and direction. An
-- article that breaks a count down by weapon ("nine Kh-101, four Kalibr …") says the sum of its
-- parts when that is more than any number it states (`added_up`); otherwise its largest number
-- (a total is at least its parts; a rising toll's latest figure is its highest), preferring
-- an exact statement of it.
create or replace view event_reports as
with linked as not materialized (
    select ef.event_id, ef.link, f.*, f.value * 2 + (f.qualifier = 'exact')::bigint as rank_key
    from event_facts ef join facts f using (fact_id)
),
per_weapon as (
    select event_id, article_id, metric, actor, target, weapon,
           max(value) as value, arg_max_null(qualifier, rank_key) as qualifier
    from linked where weapon is not null
    group by all
),
parts as (
    select event_id, article_id, metric, actor, target, sum(value)::bigint as value,
           case when count(distinct qualifier) = 1 then min(qualifier) else 'approx' end as qualifier
    from per_weapon group by all
),
stated as (
    select event_id, article_id, metric, actor, target,
           max(value)                                                          as top,
           arg_max_null(value_max, rank_key)                                   as top_max,
           arg_max_null(qualifier, rank_key)                                   as top_qualifier,
           arg_max_null(evidence, rank_key)                                    as evidence,
           min(weapon)                                                         as weapon,
           count(distinct weapon)                                              as n_weapons,
           count(*)                                                            as n_facts,
           nullif(array_to_string(list_sort(list_distinct(list(attributed_to))), '; '), '') as attributed_to,
           array_to_string(list_sort(list_distinct(list(link))), '; ')         as links
    from linked group by all
)
select
    s.event_id, s.article_id, s.metric, s.actor, s.target,
    greatest(s.top, coalesce(p.value, 0))                                      as value,
    case when coalesce(p.value, 0) > s.top then null else s.top_max end        as value_max,
    case when coalesce(p.value, 0) > s.top then p.qualifier else s.top_qualifier end as qualifier,
    coalesce(p.value, 0) > s.top                                               as added_up,
    case when s.n_weapons = 1 then s.weapon end                                as weapon,
    s.n_facts, s.attributed_to, s.links, s.evidence
from stated s
left join parts p
  on p.event_id = s.event_id and p.article_id = s.article_id and p.metric = s.metric
 and p.actor is not distinct from s.actor and p.target is not distinct from s.target;

-- `event_reports` (014) as a table macro over the table of links it reads, so that the events
-- rebuild can read what the articles say about the events it has just rebuilt from its own links
-- (`event_reports_of('ev_links')`) instead of filtering the whole view: a filter on the view's
-- events is applied after its aggregates, so each chunk of a large rebuild read every event
-- fact of the warehouse, and at 1.9 million facts ran out of the warehouse's memory (issue 13).
-- The view is the macro over `event_facts`: the same rows as before.

-- What each article says about each event: one number per article, metric and direction. An
-- article that breaks a count down by weapon ("nine Kh-101, four Kalibr …") says the sum of its
-- parts when that is more than any number it states (`added_up`); otherwise its largest number
-- (a total is at least its parts; a rising toll's latest figure is its highest), preferring
-- an exact statement of it.
create or replace macro event_reports_of(links) as table
with linked as not materialized (
    select ef.event_id, ef.link, f.*, f.value * 2 + (f.qualifier = 'exact')::bigint as rank_key
    from query_table(links) ef join facts f using (fact_id)
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

create or replace view event_reports as select * from event_reports_of('event_facts');

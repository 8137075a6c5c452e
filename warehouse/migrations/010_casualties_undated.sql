-- casualties_by_place keeps the killed and injured whose date is unknown (issue 14): a casualty
-- fact that joined no event (no day could be read, e.g. an article dated by its month only, and
-- no dated event matched its numbers) was left out, so whole articles vanished from the view.
-- Such facts now come one row per article, place and direction, with event_date null and
-- `date_known` false; an event's row has `date_known` true. Held events stay out as before.
create or replace view casualties_by_place as
select
    e.event_date, e.location, v.actor, v.target,
    max(v.value) filter (where v.metric = 'killed')                  as killed,
    max(v.value) filter (where v.metric = 'injured')                 as injured,
    e.n_articles, e.n_sources,
    bool_or(v.conflict)                                              as conflict,
    e.event_id,
    true                                                             as date_known,
    null::varchar                                                    as article_id
from events e join event_values v using (event_id)
where e.kind = 'casualties'
  and e.event_id not in (select event_id from events_held)
group by all
union all
select
    null::date, f.location, f.actor, f.target,
    max(f.value) filter (where f.metric = 'killed'),
    max(f.value) filter (where f.metric = 'injured'),
    1, count(distinct f.attributed_to),
    false, null::varchar,
    false, f.article_id
from facts f
where f.kind = 'casualties'
  and f.fact_id not in (select fact_id from event_facts)
group by f.location, f.actor, f.target, f.article_id
order by event_date nulls last, location nulls last, event_id, article_id;

-- Events: one attack, exchange or incident, however many articles report it.
-- Rebuilt from facts at the end of every load (src/ingest/events.py, warehouse/events_rebuild.sql);
-- the clustering rule and the value rule are in docs/events.md.
-- Column names and types mirror schemas/events.py (a test keeps them equal).

create table events (
    event_id           varchar primary key,   -- hash of kind, event date, place and parties: stable
    kind               varchar not null,      -- aerial_attack | prisoner_exchange | casualties
    event_date         date not null,
    location           varchar,               -- null: no place stated (a nationwide figure)
    parties            varchar not null,      -- 'Russia → Ukraine'; an exchange 'Russia ⇄ Ukraine'
    n_articles         bigint not null,       -- articles reporting it
    n_sources          bigint not null,       -- distinct attributions (air force, ministry, governor …)
    n_facts            bigint not null,
    n_conflicts        bigint not null,       -- values on which the reports disagree
    first_reported_at  date,                  -- earliest and latest day-dated article
    last_reported_at   date,
    created_run_id     varchar not null,
    run_id             varchar not null       -- the run that last changed the row
);

-- The value an event keeps for each metric and direction: a two-way exchange has a row per
-- direction; an agreed size ("1,000 for 1,000") has no direction.
create table event_values (
    event_id   varchar not null,
    metric     varchar not null,
    actor      varchar,
    target     varchar,
    value      bigint not null,               -- the most cited number, ties to the lowest
    value_max  bigint,
    qualifier  varchar not null,
    weapon     varchar,
    n_reports  bigint not null,               -- articles stating this metric and direction
    n_values   bigint not null,               -- distinct numbers they state
    conflict   boolean not null,              -- n_values > 1: see the conflicts view
    each_way   boolean not null               -- some article says the same number both ways
);
create index event_values_event on event_values (event_id);

-- Every fact supporting an event, and how it joined: same_key (its own date, place and
-- parties), numbers_match (no date; its numbers match the event), agreed_size.
create table event_facts (
    event_id  varchar not null,
    fact_id   varchar primary key,
    link      varchar not null
);
create index event_facts_event on event_facts (event_id);

-- Events whose consolidated values await review (an event_* check failed): the analysis
-- views leave them out, as failing facts are left out of facts.
create view events_held as
select distinct q.fact_id as event_id
from quarantine q join events e on e.event_id = q.fact_id
where q.status in ('open', 'rejected');

-- What each article says about each event: one number per article, metric and direction. An
-- article that breaks a count down by weapon ("nine Kh-101, four Kalibr …") says the sum of its
-- parts when that is more than any number it states (`added_up`); otherwise its largest number
-- (a total is at least its parts; a rising toll's latest figure is its highest), preferring
-- an exact statement of it.
create view event_reports as
with linked as (
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

-- Every disagreement: one row per number reported for an event value that has more than one,
-- with the articles and attributions behind it and whether it is the number kept. (Lists are
-- '; '-separated text, so that every view also reads as CSV.)
create view conflicts as
select
    e.event_id, e.kind, e.event_date, e.location, v.metric, v.actor, v.target,
    v.value                                                     as kept_value,
    r.value                                                     as reported_value,
    r.value_max                                                 as reported_value_max,
    r.value = v.value and r.value_max is not distinct from v.value_max as kept,
    count(*)                                                    as n_articles,
    array_to_string(list_sort(list_distinct(list(r.qualifier))), '; ') as qualifiers,
    nullif(array_to_string(list_sort(list_distinct(flatten(list(string_split(r.attributed_to, '; '))))), '; '), '')
                                                                as attributed_to,
    array_to_string(list_sort(list_distinct(list(coalesce(a.title, a.source)))), '; ') as articles,
    array_to_string(list_sort(list_distinct(list(a.source))), '; ') as sources
from event_values v
join events e using (event_id)
join event_reports r
  on r.event_id = v.event_id and r.metric = v.metric
 and r.actor is not distinct from v.actor and r.target is not distinct from v.target
join articles a on a.article_id = r.article_id
where v.conflict
group by all
order by e.event_date, e.event_id, v.metric, v.actor, reported_value;

-- Event facts that joined no event, and why: no resolvable date and no one event in their
-- period with matching numbers, or an agreed size whose article reports no single exchange.
create view unlinked_facts as
select
    f.fact_id, f.article_id, f.kind, f.metric, f.value, f.value_max, f.qualifier, f.actor, f.target,
    f.weapon, f.location, f.event_date, f.attributed_to, f.evidence,
    a.title, a.source, a.published_at, a.date_precision,
    case
        when f.metric = 'prisoners_agreed' then 'an agreed size, and its article reports no single exchange'
        else 'no event date, and no single event in its period reports matching numbers'
    end as why
from facts f join articles a using (article_id)
where f.kind <> 'cumulative'
  and f.fact_id not in (select fact_id from event_facts);

-- Sources per event: each reporting article, what it is attributed to, and how its facts joined.
create view event_sources as
select
    e.event_id, e.kind, e.event_date, e.location, e.parties,
    a.article_id, a.title, a.source, a.url, a.published_at, a.date_precision,
    count(*)                                                        as n_facts,
    nullif(array_to_string(list_sort(list_distinct(list(f.attributed_to))), '; '), '') as attributed_to,
    array_to_string(list_sort(list_distinct(list(ef.link))), '; ')  as links
from events e
join event_facts ef using (event_id)
join facts f on f.fact_id = ef.fact_id
join articles a on a.article_id = f.article_id
group by all
order by e.event_date, e.event_id, a.published_at nulls last, a.article_id;

-- Daily aerial attacks from events: launched, intercepted and the interception rate per day,
-- attacker, target and weapon class (drones, missiles). A day's nationwide figure is used where
-- one was reported; otherwise the day's place-level events are added up (scope 'places').
-- Replaces 002's fact-level view of the same name: one attack reported by five outlets counts once.
create or replace view daily_aerial_attacks as
with attack as (
    select
        e.event_id, e.event_date, e.location, v.actor, v.target, e.n_articles,
        split_part(v.metric, '_', 1)                                  as weapon_class,
        max(v.value) filter (where v.metric like '%\_launched' escape '\')    as launched,
        max(v.value) filter (where v.metric like '%\_intercepted' escape '\') as intercepted
    from events e join event_values v using (event_id)
    where e.kind = 'aerial_attack'
      and e.event_id not in (select event_id from events_held)
    group by all
),
scoped as (
    select *, bool_or(location is null) over (partition by event_date, actor, target, weapon_class) as nationwide
    from attack
)
select
    event_date, actor, target, weapon_class,
    case when nationwide then 'nationwide' else 'places' end        as scope,
    sum(launched)::bigint                                           as launched,
    sum(intercepted)::bigint                                        as intercepted,
    round(
        sum(intercepted) filter (where launched is not null)
        / sum(launched) filter (where intercepted is not null), 3
    )                                                               as interception_rate,
    count(*)                                                        as n_events,
    max(n_articles)                                                 as max_articles
from scoped
where location is null or not nationwide
group by all
order by event_date, actor, weapon_class;

-- Prisoner exchanges from events: one row per exchange and direction (released_by → home_to),
-- with soldiers, civilians and the agreed size of the whole exchange, per side.
create view exchanges as
with agreed as (
    select event_id, max(value) as agreed_each_way
    from event_values where metric = 'prisoners_agreed' group by event_id
)
select
    e.event_id, e.event_date,
    v.actor                                                          as released_by,
    v.target                                                         as home_to,
    max(v.value) filter (where v.metric = 'prisoners_released')      as prisoners,
    max(v.value) filter (where v.metric = 'soldiers_released')       as soldiers,
    max(v.value) filter (where v.metric = 'civilians_released')      as civilians,
    g.agreed_each_way, e.n_articles, e.n_sources,
    bool_or(v.conflict)                                              as conflict
from events e
join event_values v using (event_id)
left join agreed g using (event_id)
where e.kind = 'prisoner_exchange' and v.actor is not null
  and e.event_id not in (select event_id from events_held)
group by all
order by e.event_date, e.event_id, released_by;

-- Casualties by place and date from events: killed and injured per incident.
create view casualties_by_place as
select
    e.event_date, e.location, v.actor, v.target,
    max(v.value) filter (where v.metric = 'killed')                  as killed,
    max(v.value) filter (where v.metric = 'injured')                 as injured,
    e.n_articles, e.n_sources,
    bool_or(v.conflict)                                              as conflict,
    e.event_id
from events e join event_values v using (event_id)
where e.kind = 'casualties'
  and e.event_id not in (select event_id from events_held)
group by all
order by e.event_date, e.location nulls last, e.event_id;

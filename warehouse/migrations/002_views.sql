-- Views named for the questions analysts ask.

-- Facts with their article's title, source and date: the table to start a question from.
create view fact_sources as
select f.*, a.title, a.source, a.url, a.published_at, a.date_precision
from facts f join articles a using (article_id);

-- Daily aerial attacks as reported: launched and intercepted per day, attacker and weapon class.
create view daily_aerial_attacks as
select
    event_date,
    actor,
    target,
    case when metric like 'drones%' then 'drones' else 'missiles' end as weapon_class,
    max(value) filter (where metric like '%launched')    as launched,
    max(value) filter (where metric like '%intercepted') as intercepted,
    count(distinct article_id)                            as n_articles
from facts
where kind = 'aerial_attack' and event_date is not null and location is null
group by all;

-- What validation is holding back now, newest first.
create view open_failures as
select q.quarantine_id, q.check_name, q.message, q.article_id, a.title, a.source, q.fact, q.created_at, q.run_id
from quarantine q left join articles a using (article_id)
where q.status = 'open'
order by q.created_at desc;

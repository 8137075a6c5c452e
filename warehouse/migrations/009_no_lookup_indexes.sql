-- The secondary indexes on article and event ids go (issue 13): DuckDB scans and hash-joins these
-- tables faster than it looks anything up in an ART index, and keeping the indexes cost most of
-- a large load (50,000 articles: facts inserted in 8.0 s with facts_article, 4.2 s without, and a
-- commit of 3.6 s instead of 1.2 s). The primary keys stay: they are the tables' constraints.
drop index if exists article_sources_article;
drop index if exists facts_article;
drop index if exists quarantine_article;
drop index if exists event_values_event;
drop index if exists event_facts_event;

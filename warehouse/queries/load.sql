-- One run's load, in one transaction (src/ingest/load/run.py): each statement reads the run's
-- staged Parquet files, $files being the list of one kind's files (never a glob: a folder name
-- may hold glob characters). `replaced` (the article ids the run replaced) and `read_files`
-- (the files it read) are frames the caller registers.

-- name: sources
insert into article_sources (source, file, article_id, run_id)
select source, any_value(file), last(article_id), $run_id from read_parquet($files)
group by source
on conflict (source) do update set article_id = excluded.article_id, file = excluded.file,
    run_id = excluded.run_id, seen_at = now();

-- name: drop_replaced
-- An old text that no source holds any more goes, with its facts and open failures.
delete from facts where article_id in (
    select article_id from replaced where article_id not in (select article_id from article_sources));
delete from quarantine where status = 'open' and article_id in (
    select article_id from replaced where article_id not in (select article_id from article_sources));
delete from articles where article_id in (
    select article_id from replaced where article_id not in (select article_id from article_sources));

-- name: articles
-- What the warehouse does not hold yet, each id once (two files may hold one text): an anti-join
-- rather than ON CONFLICT, which probes the primary key row by row (issue 13: 50,000 articles'
-- facts went in in 6.3 s with ON CONFLICT; a re-run's anti-join finds none new in 2.6 s, not 6.3).
insert into articles by name
select * exclude (rn), $run_id as run_id from (
    select *, row_number() over (partition by article_id) as rn from read_parquet($files)
) s
where rn = 1 and not exists (select 1 from articles a where a.article_id = s.article_id);

-- name: facts
-- The staged facts have the columns of FactModel. A fact a reviewer rejected or replaced by a
-- correction stays out (until the decision is reopened). New facts only, each once, as for articles.
insert into facts by name
select * exclude (rn) from (
    select *, row_number() over (partition by fact_id) as rn from read_parquet($files)
) s
where rn = 1
  and not exists (select 1 from facts f where f.fact_id = s.fact_id)
  and fact_id not in (
      select fact_id from decisions where action in ('reject', 'correct') and reopened_at is null);

-- name: quarantine
insert into quarantine by name select * from read_parquet($files) on conflict do nothing;

-- name: read_failures
insert into read_failures (run_id, source, reason)
select $run_id, source, reason from read_parquet($files);

-- name: files
insert into files (path, size, mtime_ns, run_id)
select path, size, mtime_ns, $run_id from read_files
on conflict (path) do update set size = excluded.size, mtime_ns = excluded.mtime_ns,
    run_id = excluded.run_id;

-- name: run_checks
-- What each check of the run looked at (registered as `checked`: level, check_name,
-- rows_checked, rows_failed).
insert into run_checks (run_id, check_name, level, rows_checked, rows_failed)
select $run_id, check_name, level, rows_checked, rows_failed from checked
on conflict (run_id, check_name) do update set rows_checked = excluded.rows_checked,
    rows_failed = excluded.rows_failed;

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
-- What the warehouse does not hold yet, each id once (two files may hold one text): the first
-- row of each new id is picked from the ids alone (`keep`: file name and row number), and the rows
-- are then read by those, so that no window or ON CONFLICT ever holds the articles' text (at
-- 250,000 articles a window over the whole rows spilled 728 MB of text to disk; ON CONFLICT
-- probes the primary key row by row).
insert into articles by name
with ids as (
    select article_id, filename, file_row_number,
           row_number() over (partition by article_id order by filename, file_row_number) as rn
    from read_parquet($files, filename = true, file_row_number = true)
),
keep as (
    select filename, file_row_number from ids i
    where rn = 1 and not exists (select 1 from articles a where a.article_id = i.article_id)
)
select s.* exclude (filename, file_row_number), $run_id as run_id
from read_parquet($files, filename = true, file_row_number = true) s
semi join keep k on k.filename = s.filename and k.file_row_number = s.file_row_number;

-- name: facts
-- The staged facts have the columns of FactModel. A fact a reviewer rejected or replaced by a
-- correction stays out (until the decision is reopened). New facts only, each once, picked by
-- their ids as for articles.
insert into facts by name
with ids as (
    select fact_id, filename, file_row_number,
           row_number() over (partition by fact_id order by filename, file_row_number) as rn
    from read_parquet($files, filename = true, file_row_number = true)
),
keep as (
    select filename, file_row_number from ids i
    where rn = 1
      and not exists (select 1 from facts f where f.fact_id = i.fact_id)
      and fact_id not in (
          select fact_id from decisions where action in ('reject', 'correct') and reopened_at is null)
)
select s.* exclude (filename, file_row_number)
from read_parquet($files, filename = true, file_row_number = true) s
semi join keep k on k.filename = s.filename and k.file_row_number = s.file_row_number;

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

-- name: threads
-- DuckDB's threads, to set back after a statement that runs on one (ingest/load/run.py, _one_thread).
select current_setting('threads');

-- name: set_threads
set threads = $n;

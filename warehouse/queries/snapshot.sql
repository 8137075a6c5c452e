-- What the warehouse holds when a run starts: its sources (staged for the workers as Parquet)
-- and the files it has read before.

-- name: known_sources
select source, file, article_id from article_sources;

-- name: known_files
select path, size, mtime_ns from files;

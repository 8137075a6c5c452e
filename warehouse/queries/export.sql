-- `newsfacts export` (src/ingest/store/export.py): the warehouse's tables and views a user may
-- name, the confinement of its read-only connection to the one file it writes, and one COPY per
-- file format. `export_source` is the relation the caller registers; $path is bound.

-- name: relations
select table_name as name from duckdb_tables() where not internal and not temporary and database_name = current_database()
union
select view_name from duckdb_views() where not internal and not temporary and database_name = current_database()
order by name;

-- name: allow
set allowed_paths = $paths;

-- name: confine
set enable_external_access = false;

-- name: lock
set lock_configuration = true;

-- name: parquet
copy export_source to $path (format parquet);

-- name: csv
copy export_source to $path (format csv, header true);

-- name: json
copy export_source to $path (format json, array true);

-- name: jsonl
copy export_source to $path (format json);

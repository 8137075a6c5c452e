-- The migration runner's own bookkeeping (src/ingest/store/connection.py): which migrations a
-- warehouse has, and whether a DuckDB file is a newsfacts warehouse at all.

-- name: has_table
select count(*) from information_schema.tables where table_name = 'schema_version';

-- name: current
select max(version) from schema_version;

-- name: create
create table if not exists schema_version (
    version     integer primary key,
    name        varchar,
    applied_at  timestamp default current_timestamp
);

-- name: applied
select version from schema_version;

-- name: record
insert into schema_version (version, name) values ($version, $name);

-- name: count
select count(*) from schema_version;

-- name: foreign_tables
-- Tables of something else: a DuckDB file newsfacts did not create.
select count(*) from information_schema.tables
where table_schema = 'main' and table_name <> 'schema_version';

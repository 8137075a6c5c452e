-- What every check of every run looked at, as Great Expectations' Data Docs show it: rows checked,
-- rows that failed (passed = checked - failed). Fact checks count the facts a run extracted; event
-- checks count the event values the load's rebuild kept (every event in the warehouse, since the
-- rebuild checks them all). Written by the load, in the run's own transaction.
-- Column names and types mirror schemas/runs.py RunCheckModel (a test keeps them equal).

create table run_checks (
    run_id        varchar not null,
    check_name    varchar not null,
    level         varchar not null,     -- fact | event
    rows_checked  bigint not null,
    rows_failed   bigint not null,
    primary key (run_id, check_name)
);

-- Per run and check: checked, passed, failed and the share that passed, newest run first.
create view check_results as
select r.run_id, r.started_at, c.level, c.check_name, c.rows_checked,
       c.rows_checked - c.rows_failed                                  as rows_passed,
       c.rows_failed,
       case when c.rows_checked > 0
            then round((c.rows_checked - c.rows_failed) / c.rows_checked, 4) end as share_passed
from run_checks c join runs r using (run_id)
order by r.started_at desc, c.level, c.check_name;

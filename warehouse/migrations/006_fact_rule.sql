-- Every fact names the extraction rule that read it, so a wrong number can be traced to the code
-- that produced it (`make eval` prints the precision of each rule).
alter table facts add column rule varchar;

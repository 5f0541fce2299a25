-- The host that runs a sync: claimed under the integration's row lock when a host starts (or takes
-- over) a run, checked under the same lock by every page commit, so that a host that lost its
-- heartbeat but still runs commits nothing once another host took the run over.
alter table sync_run add column owner varchar(200);

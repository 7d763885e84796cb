-- Jobs move from Quartz.NET to Hangfire (which installs and upgrades its own "hangfire" schema).
-- Run after the Quartz workers have drained the queue (docs/jobs.md, "Upgrading from Quartz"); a job
-- row left queued or running is put on Hangfire's queue by the workers' recovery check.
DROP TABLE IF EXISTS qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_scheduler_state, qrtz_locks, qrtz_simple_triggers,
    qrtz_simprop_triggers, qrtz_cron_triggers, qrtz_blob_triggers, qrtz_triggers, qrtz_job_details, qrtz_calendars;

ALTER TABLE jobs ADD COLUMN background_job_id bigint;

-- Columns Quartz.NET 3.17-3.19 probe for at start-up (and warn about when missing): the original
-- fire time of misfired triggers, execution groups, and preferred-node affinity. Quartz 4 requires them.

ALTER TABLE qrtz_triggers ADD COLUMN misfire_orig_fire_time bigint;
ALTER TABLE qrtz_triggers ADD COLUMN execution_group text;
ALTER TABLE qrtz_triggers ADD COLUMN preferred_node text;
ALTER TABLE qrtz_triggers ADD COLUMN preferred_node_auto boolean NOT NULL DEFAULT false;
ALTER TABLE qrtz_fired_triggers ADD COLUMN execution_group text;

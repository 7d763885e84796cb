using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Migrations;

/// <summary>Quartz.NET's job store tables, so jobs live in the same database as the results.</summary>
[DbContext(typeof(VideoLangDbContext))]
[Migration("20261125000002_QuartzJobStore")]
internal sealed class QuartzJobStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(MigrationScript.Read("0002_quartz_job_store.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_scheduler_state, qrtz_locks, qrtz_simple_triggers, " +
            "qrtz_simprop_triggers, qrtz_cron_triggers, qrtz_blob_triggers, qrtz_triggers, qrtz_job_details, qrtz_calendars;");
}

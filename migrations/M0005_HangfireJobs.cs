using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Migrations;

/// <summary>Quartz's tables go (jobs run on Hangfire, in its own schema); each job row names its Hangfire job.</summary>
[DbContext(typeof(VideoLangDbContext))]
[Migration("20261205000005_HangfireJobs")]
internal sealed class HangfireJobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(MigrationScript.Read("0005_hangfire_jobs.sql"));

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE jobs DROP COLUMN background_job_id;");
        migrationBuilder.Sql(MigrationScript.Read("0002_quartz_job_store.sql"));
        migrationBuilder.Sql(MigrationScript.Read("0003_quartz_optional_columns.sql"));
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Migrations;

/// <summary>Videos, clips, tags, QA batches and items, models, API keys, jobs and their attempts.</summary>
[DbContext(typeof(VideoLangDbContext))]
[Migration("20261125000001_InitialSchema")]
internal sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(MigrationScript.Read("0001_initial_schema.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE job_attempts, jobs, qa_items, qa_batches, tags, clips, videos, api_keys, models;");
}

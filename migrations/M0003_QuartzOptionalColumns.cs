using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Migrations;

/// <summary>The trigger columns newer Quartz versions look for: misfire bookkeeping, execution groups, node affinity.</summary>
[DbContext(typeof(VideoLangDbContext))]
[Migration("20261125000003_QuartzOptionalColumns")]
internal sealed class QuartzOptionalColumns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(MigrationScript.Read("0003_quartz_optional_columns.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE qrtz_triggers DROP COLUMN misfire_orig_fire_time, DROP COLUMN execution_group, DROP COLUMN preferred_node, DROP COLUMN preferred_node_auto; " +
            "ALTER TABLE qrtz_fired_triggers DROP COLUMN execution_group;");
}

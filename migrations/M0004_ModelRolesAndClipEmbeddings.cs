using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Migrations;

/// <summary>Models by role (embedder, cross-encoder) and kind; clip-level embeddings; the embedder of a video's embedding.</summary>
[DbContext(typeof(VideoLangDbContext))]
[Migration("20261125000004_ModelRolesAndClipEmbeddings")]
internal sealed class ModelRolesAndClipEmbeddings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(MigrationScript.Read("0004_model_roles_and_clip_embeddings.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE clip_embeddings; ALTER TABLE videos DROP COLUMN embedder_id; " +
            "ALTER TABLE models ADD COLUMN active boolean NOT NULL DEFAULT false; UPDATE models SET active = active_embedder; " +
            "ALTER TABLE models ALTER COLUMN active DROP DEFAULT; CREATE UNIQUE INDEX ix_models_active ON models (active) WHERE active; " +
            "ALTER TABLE models DROP COLUMN kind, DROP COLUMN active_embedder, DROP COLUMN active_cross_encoder;");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Migrations;

/// <summary>Row ids on clip embeddings, the keys of the in-process index (issue 20).</summary>
[DbContext(typeof(VideoLangDbContext))]
[Migration("20261205000007_ClipEmbeddingIds")]
internal sealed class ClipEmbeddingIds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(MigrationScript.Read("0007_clip_embedding_ids.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP INDEX ix_clip_embeddings_id; ALTER TABLE clip_embeddings DROP COLUMN id;");
}

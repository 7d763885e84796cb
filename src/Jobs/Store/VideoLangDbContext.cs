using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VideoLang.Jobs.Store;

/// <summary>
/// The service's PostgreSQL store. Tables and columns are snake_case; enums are stored as their
/// names. The schema is created by the hand-written migrations in <c>migrations/</c> (applied by
/// DatabaseMigrator); a test checks they build exactly the schema this model describes.
/// </summary>
public sealed class VideoLangDbContext(DbContextOptions<VideoLangDbContext> options) : DbContext(options)
{
    public DbSet<Video> Videos => Set<Video>();

    public DbSet<Clip> Clips => Set<Clip>();

    public DbSet<VideoTag> Tags => Set<VideoTag>();

    public DbSet<ClipEmbedding> ClipEmbeddings => Set<ClipEmbedding>();

    public DbSet<QaBatch> QaBatches => Set<QaBatch>();

    public DbSet<QaItem> QaItems => Set<QaItem>();

    public DbSet<ModelRecord> Models => Set<ModelRecord>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<JobAttempt> JobAttempts => Set<JobAttempt>();

    /// <summary>Options for a context on <paramref name="connectionString"/>.</summary>
    public static DbContextOptions<VideoLangDbContext> OptionsFor(string connectionString) =>
        Configure(new DbContextOptionsBuilder<VideoLangDbContext>(), connectionString).Options;

    /// <summary>The provider settings every context of the service uses.</summary>
    public static DbContextOptionsBuilder<VideoLangDbContext> Configure(DbContextOptionsBuilder<VideoLangDbContext> builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            // No model snapshot: migrations are hand-written (EF's design package does not restore
            // here). MigrationsTests compares the migrated schema with this model instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Video>(video =>
        {
            video.ToTable("videos");
            video.HasKey(v => v.Id);
            video.Property(v => v.Status).HasConversion<string>();
            video.HasIndex(v => new { v.Tenant, v.Sha256 }).IsUnique();
            video.HasIndex(v => new { v.Tenant, v.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            video.HasIndex(v => new { v.Tenant, v.CreatedAt, v.Id });
            video.HasOne<ModelRecord>().WithMany().HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.SetNull);
            video.HasOne<ModelRecord>().WithMany().HasForeignKey(v => v.EmbedderId).OnDelete(DeleteBehavior.SetNull);
            video.HasMany(v => v.Clips).WithOne().HasForeignKey(c => c.VideoId).OnDelete(DeleteBehavior.Cascade);
            video.HasMany(v => v.Tags).WithOne().HasForeignKey(t => t.VideoId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Clip>(clip =>
        {
            clip.ToTable("clips");
            clip.HasKey(c => new { c.VideoId, c.Index });
        });
        modelBuilder.Entity<ClipEmbedding>(clip =>
        {
            clip.ToTable("clip_embeddings");
            clip.HasKey(c => new { c.VideoId, c.ModelId, c.Clip });
            // Search scans one tenant's clips of one model.
            clip.HasIndex(c => new { c.Tenant, c.ModelId });
            // The search index's key and its watermark for new rows (VectorIndex.ClipIndexSync).
            clip.Property(c => c.Id).UseIdentityByDefaultColumn();
            clip.HasIndex(c => c.Id).IsUnique();
            clip.HasOne<Video>().WithMany().HasForeignKey(c => c.VideoId).OnDelete(DeleteBehavior.Cascade);
            clip.HasOne<ModelRecord>().WithMany().HasForeignKey(c => c.ModelId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<VideoTag>(tag =>
        {
            tag.ToTable("tags");
            tag.HasKey(t => new { t.VideoId, t.Label });
        });
        modelBuilder.Entity<QaBatch>(batch =>
        {
            batch.ToTable("qa_batches");
            batch.HasKey(b => b.Id);
            batch.Property(b => b.Status).HasConversion<string>();
            batch.HasIndex(b => new { b.Tenant, b.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            batch.HasMany(b => b.Items).WithOne().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<QaItem>(item =>
        {
            item.ToTable("qa_items");
            item.HasKey(i => new { i.BatchId, i.Ordinal });
            item.Property(i => i.Status).HasConversion<string>();
            item.HasIndex(i => i.VideoId);
            item.HasOne<Video>().WithMany().HasForeignKey(i => i.VideoId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ModelRecord>(model =>
        {
            model.ToTable("models");
            model.HasKey(m => m.Id);
            model.HasIndex(m => m.Name).IsUnique();
            model.Property(m => m.Kind).HasConversion<string>();
            // At most one active model per role.
            model.HasIndex(m => m.ActiveEmbedder).IsUnique().HasFilter("active_embedder");
            model.HasIndex(m => m.ActiveCrossEncoder).IsUnique().HasFilter("active_cross_encoder");
        });
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.HasIndex(k => k.KeyHash).IsUnique();
        });
        modelBuilder.Entity<Job>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.Kind).HasConversion<string>();
            job.Property(j => j.Status).HasConversion<string>();
            job.HasIndex(j => j.SubjectId);
        });
        modelBuilder.Entity<JobAttempt>(attempt =>
        {
            attempt.ToTable("job_attempts");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.Id).UseIdentityAlwaysColumn();
            attempt.Property(a => a.Outcome).HasConversion<string>();
            attempt.HasIndex(a => new { a.JobId, a.Attempt }).IsUnique();
            attempt.HasOne<Job>().WithMany().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        SnakeCaseNames.Apply(modelBuilder);
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;
using VideoLang.Sampler;

namespace VideoLang.Jobs.Library;

/// <summary>
/// A tenant's videos: adding a file (probed and validated before it is accepted, stored once per
/// content under its SHA-256, queued for ingest) and deleting one (rows and, when no other video
/// shares it, the file). The HTTP API and the command line both go through here.
/// </summary>
public sealed class VideoLibrary(
    IDbContextFactory<VideoLangDbContext> contexts,
    VideoSampler sampler,
    JobQueue queue,
    IOptions<WorkerOptions> options,
    TimeProvider time)
{
    private readonly string _storage = Path.GetFullPath(options.Value.StorageDirectory);

    /// <summary>
    /// Adds the file at <paramref name="sourcePath"/> for <paramref name="tenant"/>. Throws
    /// <see cref="Sampler.Validation.VideoRejectedException"/> (nothing stored) for anything that is not
    /// an acceptable video. With <paramref name="moveSource"/> the file is moved into storage (an
    /// upload's temporary file), else copied. <paramref name="sha256"/> is the file's hash when the
    /// caller already computed it (an upload hashed while it streamed), so the file is not read twice.
    /// </summary>
    public async Task<AddedVideo> AddAsync(string tenant, string sourcePath, string originalName, string? idempotencyKey = null,
        bool moveSource = false, string? sha256 = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (idempotencyKey is not null && await FindAsync(db, v => v.Tenant == tenant && v.IdempotencyKey == idempotencyKey, cancellationToken) is { } replay)
        {
            return replay;
        }
        sha256 ??= await HashAsync(sourcePath, cancellationToken);
        if (await FindAsync(db, v => v.Tenant == tenant && v.Sha256 == sha256, cancellationToken) is { } duplicate)
        {
            // Sending a video again asks for another try when it failed (the failure may have been the
            // machine's) or was ingested with a model that is no longer the active one.
            return await NeedsIngestAsync(db, duplicate.Video, cancellationToken) ? await RetryAsync(db, duplicate.Video, cancellationToken) : duplicate;
        }
        var info = await sampler.ProbeAsync(sourcePath, cancellationToken);

        var storedPath = await StoreAsync(sourcePath, sha256, StoredFileNames.Extension(info.Container), moveSource, cancellationToken);
        var now = time.GetUtcNow();
        var video = new Video
        {
            Id = Guid.CreateVersion7(),
            Tenant = tenant,
            Sha256 = sha256,
            OriginalName = StoredFileNames.DisplayName(originalName),
            StoredPath = storedPath,
            SizeBytes = new FileInfo(storedPath).Length,
            IdempotencyKey = idempotencyKey,
            Status = VideoStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        video.Describe(info);
        var job = queue.Create(tenant, JobKind.Ingest, video.Id);
        db.Videos.Add(video);
        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await DeleteIfUnusedAsync(storedPath, cancellationToken);
            // The same content or key arrived concurrently; the first one wins and this call returns it.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var winner = await FindAsync(fresh, v => v.Tenant == tenant && (v.Sha256 == sha256 || (idempotencyKey != null && v.IdempotencyKey == idempotencyKey)), cancellationToken);
            if (winner is null)
            {
                throw;
            }
            return winner;
        }
        catch
        {
            await DeleteIfUnusedAsync(storedPath, CancellationToken.None);
            throw;
        }
        await queue.ScheduleAsync(job.Id, null, cancellationToken);
        return new AddedVideo(video, job, Created: true);
    }

    private static async Task<bool> NeedsIngestAsync(VideoLangDbContext db, Video video, CancellationToken cancellationToken) => video.Status switch
    {
        VideoStatus.Failed => true,
        // Ingested with another embedder or cross-encoder than the active ones: ingest again with these.
        VideoStatus.Ready => await db.Models.AnyAsync(m => (m.ActiveEmbedder && m.Id != video.EmbedderId) || (m.ActiveCrossEncoder && m.Id != video.ModelId), cancellationToken),
        _ => false,
    };

    private async Task<AddedVideo> RetryAsync(VideoLangDbContext db, Video video, CancellationToken cancellationToken)
    {
        var job = queue.Create(video.Tenant, JobKind.Ingest, video.Id);
        db.Jobs.Add(job);
        await db.Videos.Where(v => v.Id == video.Id).ExecuteUpdateAsync(v => v
            .SetProperty(x => x.Status, VideoStatus.Pending)
            .SetProperty(x => x.FailureReason, (string?)null)
            .SetProperty(x => x.UpdatedAt, time.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await queue.ScheduleAsync(job.Id, null, cancellationToken);
        video.Status = VideoStatus.Pending;
        video.FailureReason = null;
        return new AddedVideo(video, job, Created: false);
    }

    // A file moved into storage for a row that was never saved must not stay behind.
    private async Task DeleteIfUnusedAsync(string storedPath, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Videos.AnyAsync(v => v.StoredPath == storedPath, cancellationToken))
        {
            File.Delete(storedPath);
        }
    }

    /// <summary>
    /// Deletes a tenant's video, its results and jobs, and its questions in QA batches (whose counts
    /// then cover the questions left); the file goes too unless another video has the same content.
    /// False when there is no such video.
    /// </summary>
    public async Task<bool> DeleteAsync(string tenant, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var video = await db.Videos.SingleOrDefaultAsync(v => v.Id == id && v.Tenant == tenant, cancellationToken);
        if (video is null)
        {
            return false;
        }
        var batches = await db.QaItems.Where(i => i.VideoId == id).Select(i => i.BatchId).Distinct().ToListAsync(cancellationToken);
        await db.Jobs.Where(j => j.SubjectId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Videos.Where(v => v.Id == id).ExecuteDeleteAsync(cancellationToken); // cascades to clips, tags and QA items
        // Recounted from the items left, as the QA handler counts, so a batch's progress can still reach 100%.
        await db.QaBatches.Where(b => batches.Contains(b.Id)).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.ItemCount, x => db.QaItems.Count(i => i.BatchId == x.Id))
            .SetProperty(x => x.AnsweredCount, x => db.QaItems.Count(i => i.BatchId == x.Id && i.Status == QaItemStatus.Answered))
            .SetProperty(x => x.FailedCount, x => db.QaItems.Count(i => i.BatchId == x.Id && i.Status == QaItemStatus.Failed)), cancellationToken);
        var shared = await db.Videos.AnyAsync(v => v.StoredPath == video.StoredPath, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!shared)
        {
            File.Delete(video.StoredPath);
        }
        return true;
    }

    private static async Task<AddedVideo?> FindAsync(VideoLangDbContext db, System.Linq.Expressions.Expression<Func<Video, bool>> match, CancellationToken cancellationToken)
    {
        var video = await db.Videos.AsNoTracking().FirstOrDefaultAsync(match, cancellationToken);
        if (video is null)
        {
            return null;
        }
        var job = await db.Jobs.AsNoTracking().Where(j => j.SubjectId == video.Id).OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return new AddedVideo(video, job, Created: false);
    }

    private async Task<string> StoreAsync(string sourcePath, string sha256, string extension, bool move, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_storage, sha256[..2]);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, sha256 + extension);
        if (File.Exists(target))
        {
            return target;
        }
        // Write beside the target and rename, so a half-copied file never has the final name.
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        if (move)
        {
            File.Move(sourcePath, partial);
        }
        else
        {
            await using var source = File.OpenRead(sourcePath);
            await using var destination = File.Create(partial);
            await source.CopyToAsync(destination, cancellationToken);
        }
        File.Move(partial, target, overwrite: true);
        return target;
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}

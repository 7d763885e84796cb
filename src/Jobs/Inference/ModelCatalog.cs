using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Model.Checkpoints;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// The registered models: add a checkpoint folder (checked before it is accepted), make one active,
/// find the active one. Workers use the active model for new ingests; answers use the model a
/// video's tokens came from.
/// </summary>
public sealed class ModelCatalog(IDbContextFactory<VideoLangDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// Registers the checkpoint at <paramref name="path"/> under <paramref name="name"/>. The same
    /// weights again only update the path; other weights under the same name become a new model and
    /// the old record is renamed <c>name@checksum</c>, so stored tokens always match their model.
    /// </summary>
    public async Task<ModelRecord> AddAsync(string name, string path, bool activate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetFullPath(path);
        // Reading the config and checksum proves the folder is a checkpoint without loading weights.
        Checkpoint.ReadConfig(folder);
        var checksumFile = Path.Combine(folder, Checkpoint.ChecksumFile);
        if (!File.Exists(checksumFile))
        {
            throw new CheckpointException($"The model at {folder} has no {Checkpoint.ChecksumFile}; save it with `vlang train` or `vlang import-weights`.");
        }
        var checksum = (await File.ReadAllTextAsync(checksumFile, cancellationToken)).Trim();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.Models.SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (record is not null && !string.Equals(record.Checksum, checksum, StringComparison.OrdinalIgnoreCase))
        {
            // Different weights under a known name are a new model: videos keep pointing at the one
            // their tokens came from (renamed name@checksum), so nothing mixes the two.
            record.Name = $"{name}@{record.Checksum[..12]}";
            record.Active = false;
            await db.SaveChangesAsync(cancellationToken);
            record = null;
        }
        if (record is null)
        {
            record = new ModelRecord { Id = Guid.CreateVersion7(), Name = name, Path = folder, Checksum = checksum, CreatedAt = time.GetUtcNow() };
            db.Models.Add(record);
        }
        else
        {
            record.Path = folder;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (activate)
        {
            await ActivateAsync(db, record.Id, cancellationToken);
            record.Active = true;
        }
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Makes the model named <paramref name="name"/> the active one.</summary>
    public async Task<ModelRecord> ActivateAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Models.SingleOrDefaultAsync(m => m.Name == name, cancellationToken)
            ?? throw new KeyNotFoundException($"No model is registered as '{name}'; `vlang models list` shows those that are.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ActivateAsync(db, record.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        record.Active = true;
        return record;
    }

    public async Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The active model; throws <see cref="ModelUnavailableException"/> (retryable) when there is none.</summary>
    public async Task<ModelRecord> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Active, cancellationToken)
            ?? throw new ModelUnavailableException("No model is active. Register one with `vlang models add NAME PATH --activate` (or train one with `vlang train`).");
    }

    public async Task<ModelRecord?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    private static async Task ActivateAsync(VideoLangDbContext db, Guid id, CancellationToken cancellationToken)
    {
        // Two statements in one transaction: the unique partial index allows only one active row.
        await db.Models.Where(m => m.Active && m.Id != id).ExecuteUpdateAsync(m => m.SetProperty(x => x.Active, false), cancellationToken);
        await db.Models.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.Active, true), cancellationToken);
    }
}

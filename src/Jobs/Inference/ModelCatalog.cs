using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Model.Checkpoints;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// The registered models and their roles: add a checkpoint folder (checked before it is accepted), make
/// one the active embedder and one the active cross-encoder, find them. Workers use the active ones for
/// new ingests; answers use the model a video's tokens came from.
/// </summary>
public sealed class ModelCatalog(IDbContextFactory<VideoLangDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// Registers the checkpoint at <paramref name="path"/> under <paramref name="name"/>, its kind read from
    /// its config (<see cref="ModelKinds.Detect"/>) unless <paramref name="kind"/> says. The same weights
    /// again only update the path; other weights under the same name become a new model and the old record
    /// is renamed <c>name@checksum</c>, so stored tokens and embeddings always match their model.
    /// <paramref name="activate"/> activates it in every role its kind serves (<see cref="ActivateAsync(string, ModelRole?, CancellationToken)"/>).
    /// </summary>
    public async Task<ModelRecord> AddAsync(string name, string path, bool activate, CancellationToken cancellationToken = default, ModelKind? kind = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetFullPath(path);
        // Reading the config and checksum proves the folder is a checkpoint without loading weights.
        var detected = ModelKinds.Detect(folder);
        var checksumFile = Path.Combine(folder, Checkpoint.ChecksumFile);
        if (!File.Exists(checksumFile))
        {
            throw new CheckpointException($"The model at {folder} has no {Checkpoint.ChecksumFile}; save it with `vlang train` or `vlang models import`.");
        }
        var checksum = (await File.ReadAllTextAsync(checksumFile, cancellationToken)).Trim();
        var modelKind = kind ?? detected;
        if (detected == ModelKind.ImageText && modelKind != ModelKind.ImageText)
        {
            throw new ArgumentException($"The model at {folder} is an image-text embedder; it cannot be registered as {modelKind}.", nameof(kind));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.Models.SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (record is not null && !string.Equals(record.Checksum, checksum, StringComparison.OrdinalIgnoreCase))
        {
            // Different weights under a known name are a new model: videos keep pointing at the one
            // their tokens came from (renamed name@checksum), so nothing mixes the two.
            record.Name = $"{name}@{record.Checksum[..12]}";
            record.ActiveEmbedder = false;
            record.ActiveCrossEncoder = false;
            await db.SaveChangesAsync(cancellationToken);
            record = null;
        }
        if (record is null)
        {
            record = new ModelRecord { Id = Guid.CreateVersion7(), Name = name, Path = folder, Checksum = checksum, Kind = modelKind, CreatedAt = time.GetUtcNow() };
            db.Models.Add(record);
        }
        else
        {
            record.Path = folder;
            record.Kind = modelKind;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (activate)
        {
            await ActivateAsync(db, record, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// Makes the model named <paramref name="name"/> active in <paramref name="role"/>; with no role, in every
    /// role its kind serves (a ClipBERT checkpoint becomes embedder and cross-encoder, as the one active
    /// model it used to be; an embedder becomes the embedder).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No model has that name.</exception>
    /// <exception cref="ModelRoleException">The model's kind cannot take the role.</exception>
    public async Task<ModelRecord> ActivateAsync(string name, ModelRole? role = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.Models.SingleOrDefaultAsync(m => m.Name == name, cancellationToken)
            ?? throw new KeyNotFoundException($"No model is registered as '{name}'; `vlang models list` (or GET /v1/models) shows those that are.");
        await ActivateAsync(db, record, role, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Leaves <paramref name="role"/> empty: with no cross-encoder, search is one stage and QA is refused.</summary>
    public async Task DeactivateAsync(ModelRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (role == ModelRole.Embedder)
        {
            await db.Models.Where(m => m.ActiveEmbedder).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActiveEmbedder, false), cancellationToken);
        }
        else
        {
            await db.Models.Where(m => m.ActiveCrossEncoder).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActiveCrossEncoder, false), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The active embedder; throws <see cref="ModelUnavailableException"/> (retryable: an ingest waits for one) when there is none.</summary>
    public async Task<ModelRecord> GetActiveAsync(CancellationToken cancellationToken = default) =>
        await FindActiveAsync(ModelRole.Embedder, cancellationToken)
        ?? throw new ModelUnavailableException("No model is active as the embedder. Import one with `vlang models import PATH --activate` (or train one with `vlang train`).");

    /// <summary>The model active in <paramref name="role"/>, or null.</summary>
    public async Task<ModelRecord?> FindActiveAsync(ModelRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var models = db.Models.AsNoTracking();
        return role == ModelRole.Embedder
            ? await models.SingleOrDefaultAsync(m => m.ActiveEmbedder, cancellationToken)
            : await models.SingleOrDefaultAsync(m => m.ActiveCrossEncoder, cancellationToken);
    }

    public async Task<ModelRecord?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    private static async Task ActivateAsync(VideoLangDbContext db, ModelRecord record, ModelRole? role, CancellationToken cancellationToken)
    {
        if (role is { } only && !record.CanServe(only))
        {
            throw new ModelRoleException(
                $"'{record.Name}' is a {record.Kind} model and cannot be the cross-encoder: only a ClipBERT checkpoint re-ranks and answers questions. Activate it as the embedder instead.");
        }
        var id = record.Id;
        // Two statements per role in one transaction: the unique partial indexes allow one active row per role.
        if (role is null or ModelRole.Embedder)
        {
            await db.Models.Where(m => m.ActiveEmbedder && m.Id != id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActiveEmbedder, false), cancellationToken);
            await db.Models.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActiveEmbedder, true), cancellationToken);
            record.ActiveEmbedder = true;
        }
        if (role is ModelRole.CrossEncoder || (role is null && record.CanServe(ModelRole.CrossEncoder)))
        {
            await db.Models.Where(m => m.ActiveCrossEncoder && m.Id != id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActiveCrossEncoder, false), cancellationToken);
            await db.Models.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActiveCrossEncoder, true), cancellationToken);
            record.ActiveCrossEncoder = true;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Store;
using VideoLang.Model.Inference;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// A ready video's cached visual tokens as read from the store, turned back into
/// <see cref="VideoFeatures"/> on the model's device (<see cref="ToFeatures"/>, on the runner's thread)
/// so texts are scored without decoding or running the CNN again.
/// </summary>
public sealed record StoredFeatures(Video Video, IReadOnlyList<Clip> Clips)
{
    /// <summary>Reads the features of the ready videos among <paramref name="videoIds"/>, keyed by id.</summary>
    public static async Task<Dictionary<Guid, StoredFeatures>> LoadAsync(VideoLangDbContext db, IReadOnlyCollection<Guid> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var videos = await db.Videos.AsNoTracking()
            .Where(v => videoIds.Contains(v.Id) && v.Status == VideoStatus.Ready)
            .Include(v => v.Clips.OrderBy(c => c.Index))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return videos.ToDictionary(v => v.Id, v => new StoredFeatures(v, v.Clips));
    }

    public VideoFeatures ToFeatures(Device device)
    {
        if (Video.TokenCount is not { } tokens || Video.TokenWidth is not { } width || Video.Embedding is null || Clips.Count == 0)
        {
            throw new InvalidOperationException($"Video {Video.Id} has no cached features; ingest it again.");
        }
        var spans = Clips.Select(c => new ClipSpan(c.Index, c.StartSeconds, c.EndSeconds)).ToArray();
        return VideoFeatures.FromHalfBytes(Clips.Select(c => c.VisualTokens).ToArray(), tokens, width, spans, Video.Embedding, device);
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Inference.Embedding;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;

namespace VideoLang.Jobs.Ingest;

/// <summary>
/// Ingest: probe -> validate -> plan -> decode -> embed (and encode, with a cross-encoder) -> tag -> store.
/// The clip count follows the duration (<see cref="WorkerOptions.ClipsFor"/>). The active embedder embeds
/// every clip; the active cross-encoder, when there is one, caches its visual tokens and tags. Each role
/// decodes at its own frame size and rate (once when they agree). Every result (clip embeddings, clips
/// with their tokens, tags, the video's metadata and embedding) is written in one transaction that first
/// removes whatever an earlier, interrupted run left, so a re-run never duplicates rows and a failure
/// leaves none.
/// </summary>
internal sealed class IngestHandler(
    IDbContextFactory<VideoLangDbContext> contexts,
    VideoSampler sampler,
    ModelCatalog models,
    ModelRunner runner,
    DecodeSlots decodeSlots,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<IngestHandler> logger) : IJobHandler
{
    private readonly WorkerOptions _options = options.Value;

    public JobKind Kind => JobKind.Ingest;

    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var video = await db.Videos.SingleOrDefaultAsync(v => v.Id == job.SubjectId, cancellationToken)
            ?? throw new JobFailedException("The video was deleted before it was ingested.");
        var embedder = await models.GetActiveAsync(cancellationToken);
        var crossEncoder = await models.FindActiveAsync(ModelRole.CrossEncoder, cancellationToken);
        if (video.Status == VideoStatus.Ready && video.EmbedderId == embedder.Id && video.ModelId == crossEncoder?.Id)
        {
            return JobOutcome.Succeeded;
        }
        if (!File.Exists(video.StoredPath))
        {
            // Retryable: storage on a mount that is briefly away comes back.
            throw new FileNotFoundException($"The stored file of video {video.Id} is missing ({video.StoredPath}).", video.StoredPath);
        }
        video.Status = VideoStatus.Processing;
        video.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        var info = await sampler.ProbeAsync(video.StoredPath, cancellationToken);
        var clips = _options.ClipsFor(info.DurationSeconds);
        var embedderPlan = await PlanAsync(embedder, info, clips, cancellationToken);
        // The cross-encoder keeps a bounded number of clips: re-ranking and answering run BERT over each.
        (ClipPlan Plan, FrameSpec Frames)? crossPlan = crossEncoder is null ? null : await PlanAsync(crossEncoder, info, Math.Min(clips, _options.MaxCrossEncoderClips), cancellationToken);
        var sameModel = crossEncoder?.Id == embedder.Id;

        EncodedVideo? encoded = null;
        EmbeddedClips embedded;
        List<Clip> rowsCrossClips;
        var decoded = TimeSpan.Zero;
        if (crossPlan is not null)
        {
            using var batch = await DecodeAsync(video.StoredPath, info, crossPlan.Value, cancellationToken);
            decoded = clock.Elapsed;
            var (crossEncoded, fromTokens) = await runner.RunAsync(crossEncoder!, m => Encode(m, batch, sameModel), cancellationToken);
            encoded = crossEncoded;
            if (fromTokens is not null)
            {
                embedded = fromTokens;
            }
            else
            {
                embedded = crossPlan.Value == embedderPlan
                    ? await runner.RunAsync(embedder, m => Embed(m.Embedder, batch), cancellationToken)
                    : await DecodeAndEmbedAsync(video.StoredPath, info, embedder, embedderPlan, cancellationToken);
            }
            rowsCrossClips = batch.Clips.Select(c => new Clip
            {
                VideoId = video.Id,
                Index = c.Index,
                StartSeconds = c.StartSeconds,
                EndSeconds = c.EndSeconds,
                FrameTimestamps = c.FrameTimestamps.ToArray(),
                VisualTokens = encoded.ClipTokens[c.Index],
            }).ToList();
        }
        else
        {
            embedded = await DecodeAndEmbedAsync(video.StoredPath, info, embedder, embedderPlan, cancellationToken);
            rowsCrossClips = [];
        }
        var modelled = clock.Elapsed;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Clips.Where(c => c.VideoId == video.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Tags.Where(t => t.VideoId == video.Id).ExecuteDeleteAsync(cancellationToken);
        await db.ClipEmbeddings.Where(c => c.VideoId == video.Id).ExecuteDeleteAsync(cancellationToken);
        db.Clips.AddRange(rowsCrossClips);
        db.ClipEmbeddings.AddRange(embedded.Ranges.Select((r, i) => new ClipEmbedding
        {
            VideoId = video.Id,
            ModelId = embedder.Id,
            Clip = r.Clip,
            Tenant = video.Tenant,
            StartSeconds = r.StartSeconds,
            EndSeconds = r.EndSeconds,
            Embedding = embedded.Embeddings[i],
            NullMean = embedded.Null[i]?.Mean,
            NullStd = embedded.Null[i]?.Std,
        }));
        var tags = encoded?.Tags ?? [];
        db.Tags.AddRange(tags.Select(t => new VideoTag
        {
            VideoId = video.Id,
            Label = t.Label,
            Score = t.Score,
            BestClip = t.BestClip.Clip,
            StartSeconds = t.BestClip.StartSeconds,
            EndSeconds = t.BestClip.EndSeconds,
            ClipScores = t.Evidence.Select(e => e.Score).ToArray(),
        }));
        video.Describe(info);
        video.ModelId = crossEncoder?.Id;
        video.EmbedderId = embedder.Id;
        video.Embedding = embedded.VideoEmbedding;
        video.TokenCount = encoded?.TokenCount;
        video.TokenWidth = encoded?.TokenWidth;
        video.Status = VideoStatus.Ready;
        video.FailureReason = null;
        video.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.VideoIngested(logger, video.Id, embedded.Ranges.Count, tags.Count,
            (long)decoded.TotalMilliseconds, (long)(modelled - decoded).TotalMilliseconds, (long)(clock.Elapsed - modelled).TotalMilliseconds);
        return JobOutcome.Succeeded;
    }

    public async Task FailAsync(Job job, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Clips.Where(c => c.VideoId == job.SubjectId).ExecuteDeleteAsync(cancellationToken);
        await db.Tags.Where(t => t.VideoId == job.SubjectId).ExecuteDeleteAsync(cancellationToken);
        await db.ClipEmbeddings.Where(c => c.VideoId == job.SubjectId).ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Videos.Where(v => v.Id == job.SubjectId).ExecuteUpdateAsync(v => v
            .SetProperty(x => x.Status, VideoStatus.Failed)
            .SetProperty(x => x.FailureReason, reason)
            .SetProperty(x => x.Embedding, (float[]?)null)
            .SetProperty(x => x.EmbedderId, (Guid?)null)
            .SetProperty(x => x.UpdatedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The clips <paramref name="model"/> sees: its frame size and resizing, its frames per clip and rate (the worker's settings where set).</summary>
    private async Task<(ClipPlan Plan, FrameSpec Frames)> PlanAsync(ModelRecord model, VideoInfo info, int clips, CancellationToken cancellationToken)
    {
        var (frames, own) = await runner.RunAsync(model, m => (m.Embedder.Frames, m.Embedder.Sampling), cancellationToken);
        // A ClipBERT checkpoint's clips as it was trained to see them, unless the worker says otherwise; image embedders the worker's.
        var sampling = own is { } trained
            ? new ClipSampling(clips, _options.FramesPerClip ?? trained.FramesPerClip, _options.FramesPerSecond ?? trained.FramesPerSecond)
            : new ClipSampling(clips, _options.EmbedderFramesPerClip, _options.EmbedderFramesPerSecond);
        return (ClipPlan.Create(info.DurationSeconds, sampling, SamplingMode.Inference), frames);
    }

    private async Task<ClipBatch> DecodeAsync(string path, VideoInfo info, (ClipPlan Plan, FrameSpec Frames) plan, CancellationToken cancellationToken)
    {
        using (await decodeSlots.EnterAsync(cancellationToken))
        {
            return await sampler.DecodeAsync(path, info, plan.Plan, plan.Frames, cancellationToken);
        }
    }

    private async Task<EmbeddedClips> DecodeAndEmbedAsync(string path, VideoInfo info, ModelRecord embedder, (ClipPlan Plan, FrameSpec Frames) plan, CancellationToken cancellationToken)
    {
        using var batch = await DecodeAsync(path, info, plan, cancellationToken);
        return await runner.RunAsync(embedder, m => Embed(m.Embedder, batch), cancellationToken);
    }

    private static EmbeddedClips Embed(ClipEmbedder embedder, ClipBatch batch)
    {
        var embeddings = embedder.EmbedClips(batch);
        return new EmbeddedClips(Ranges(batch), embeddings, embeddings.Select(embedder.NullStatistics).ToArray(), EmbeddedClips.MeanOf(embeddings));
    }

    private (EncodedVideo Encoded, EmbeddedClips? Embedded) Encode(LoadedModel model, ClipBatch batch, bool embed)
    {
        using var features = model.Predictor.Encode(batch);
        var tokens = Enumerable.Range(0, features.Clips.Count).Select(features.ToHalfBytes).ToArray();
        var tags = model.Checkpoint.Tags is null ? [] : model.Predictor.Tags(features, _options.TagThreshold);
        var encoded = new EncodedVideo(tokens, (int)features.Tokens.Size(1), (int)features.Tokens.Size(2), features.Embedding, tags);
        if (!embed)
        {
            return (encoded, null);
        }
        // ClipBERT in both roles: its dual-encoder head embeds each clip from the tokens just computed, and the
        // video keeps the embedding the head was trained to give (all clips' tokens pooled).
        var embeddings = ClipBertClipEmbedder.FromFeatures(model.Predictor, features);
        return (encoded, new EmbeddedClips(Ranges(batch), embeddings, embeddings.Select(model.Embedder.NullStatistics).ToArray(), features.Embedding));
    }

    private static (int, double, double)[] Ranges(ClipBatch batch) => batch.Clips.Select(c => (c.Index, c.StartSeconds, c.EndSeconds)).ToArray();
}

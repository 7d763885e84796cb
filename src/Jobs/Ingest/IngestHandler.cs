using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;

namespace VideoLang.Jobs.Ingest;

/// <summary>
/// Ingest: probe -> validate -> plan -> decode -> encode -> tag -> store. Every result (clips with
/// their tokens, tags, the video's metadata and embedding) is written in one transaction that first
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
        var model = await models.GetActiveAsync(cancellationToken);
        if (video.Status == VideoStatus.Ready && video.ModelId == model.Id)
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
        // Clips as the model was trained to see them, unless the worker is configured otherwise.
        var (imageSize, framesPerClip, framesPerSecond) = await runner.RunAsync(model, m => (m.ImageSize, m.FramesPerClip, m.FramesPerSecond), cancellationToken);
        var sampling = new ClipSampling(_options.ClipCount, _options.FramesPerClip ?? framesPerClip, _options.FramesPerSecond ?? framesPerSecond);
        var plan = ClipPlan.Create(info.DurationSeconds, sampling, SamplingMode.Inference);
        ClipBatch batch;
        using (await decodeSlots.EnterAsync(cancellationToken))
        {
            batch = await sampler.DecodeAsync(video.StoredPath, info, plan, new FrameSpec(imageSize), cancellationToken);
        }
        var decoded = clock.Elapsed;
        EncodedVideo encoded;
        using (batch)
        {
            encoded = await runner.RunAsync(model, m => Encode(m, batch), cancellationToken);
        }
        var modelled = clock.Elapsed;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Clips.Where(c => c.VideoId == video.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Tags.Where(t => t.VideoId == video.Id).ExecuteDeleteAsync(cancellationToken);
        db.Clips.AddRange(batch.Clips.Select(c => new Clip
        {
            VideoId = video.Id,
            Index = c.Index,
            StartSeconds = c.StartSeconds,
            EndSeconds = c.EndSeconds,
            FrameTimestamps = c.FrameTimestamps.ToArray(),
            VisualTokens = encoded.ClipTokens[c.Index],
        }));
        db.Tags.AddRange(encoded.Tags.Select(t => new VideoTag
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
        video.ModelId = model.Id;
        video.Embedding = encoded.Embedding;
        video.TokenCount = encoded.TokenCount;
        video.TokenWidth = encoded.TokenWidth;
        video.Status = VideoStatus.Ready;
        video.FailureReason = null;
        video.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.VideoIngested(logger, video.Id, batch.ClipCount, encoded.Tags.Count,
            (long)decoded.TotalMilliseconds, (long)(modelled - decoded).TotalMilliseconds, (long)(clock.Elapsed - modelled).TotalMilliseconds);
        return JobOutcome.Succeeded;
    }

    public async Task FailAsync(Job job, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Clips.Where(c => c.VideoId == job.SubjectId).ExecuteDeleteAsync(cancellationToken);
        await db.Tags.Where(t => t.VideoId == job.SubjectId).ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Videos.Where(v => v.Id == job.SubjectId).ExecuteUpdateAsync(v => v
            .SetProperty(x => x.Status, VideoStatus.Failed)
            .SetProperty(x => x.FailureReason, reason)
            .SetProperty(x => x.Embedding, (float[]?)null)
            .SetProperty(x => x.UpdatedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private EncodedVideo Encode(LoadedModel model, ClipBatch batch)
    {
        using var features = model.Predictor.Encode(batch);
        var tokens = Enumerable.Range(0, features.Clips.Count).Select(features.ToHalfBytes).ToArray();
        var tags = model.Checkpoint.Tags is null ? [] : model.Predictor.Tags(features, _options.TagThreshold);
        return new EncodedVideo(tokens, (int)features.Tokens.Size(1), (int)features.Tokens.Size(2), features.Embedding, tags);
    }
}

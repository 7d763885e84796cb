using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.Ingest;

public sealed class IngestTests : JobsDatabase
{
    [Fact]
    public async Task Ingest_StoresClipsTokensTagsAndEmbedding_WhenVideosAreGood()
    {
        var services = await WorkerAsync();
        var library = services.GetRequiredService<VideoLibrary>();
        var added = new List<AddedVideo>();
        foreach (var video in Media.Videos.Take(3))
        {
            added.Add(await library.AddAsync("acme", video, Path.GetFileName(video)));
        }

        await WaitUntilAsync(async db => await db.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded) == 3, what: "three ingests");

        await using var db = Db();
        foreach (var video in await db.Videos.Include(v => v.Clips).Include(v => v.Tags).ToListAsync())
        {
            Assert.Equal(VideoStatus.Ready, video.Status);
            Assert.Null(video.FailureReason);
            Assert.Equal(2, video.Clips.Count);
            Assert.Equal(64, video.Embedding!.Length);
            Assert.Equal(1, Math.Sqrt(video.Embedding.Sum(x => (double)x * x)), 3);
            Assert.All(video.Clips, c =>
            {
                Assert.Equal(video.TokenCount!.Value * video.TokenWidth!.Value * 2, c.VisualTokens.Length);
                Assert.Equal(2, c.FrameTimestamps.Length);
                Assert.InRange(c.StartSeconds, 0, video.DurationSeconds!.Value);
            });
            // Threshold 0 keeps every tag, each pointing at one of the video's clips.
            Assert.Equal(TestModel.Tags.Order(), video.Tags.Select(t => t.Label).Order());
            Assert.All(video.Tags, t => Assert.Contains(video.Clips, c => c.Index == t.BestClip && c.StartSeconds == t.StartSeconds));
            Assert.Equal("h264", video.Codec);
        }
        Assert.All(await db.JobAttempts.ToListAsync(), a => Assert.Equal(JobOutcome.Succeeded, a.Outcome));
    }

    [Theory]
    [InlineData("not-a-video")]
    [InlineData("truncated")]
    public async Task Ingest_FailsOnceWithReasonAndNoRows_WhenFileIsNotAGoodVideo(string kind)
    {
        var services = await WorkerAsync();
        var path = kind == "not-a-video" ? Media.NotAVideo : Media.Truncated;
        // As if the file changed on disk after it was accepted: the job itself must reject it.
        var videoId = await InsertVideoAsync(path);
        var queue = services.GetRequiredService<JobQueue>();
        Guid jobId;
        await using (var db = Db())
        {
            var job = queue.Create("acme", JobKind.Ingest, videoId);
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
            jobId = job.Id;
        }
        await queue.ScheduleAsync(jobId);

        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Id == jobId && j.Status == JobStatus.Failed), what: "the ingest to fail");

        await using var check = Db();
        var video = await check.Videos.SingleAsync(v => v.Id == videoId);
        Assert.Equal(VideoStatus.Failed, video.Status);
        Assert.False(string.IsNullOrWhiteSpace(video.FailureReason));
        Assert.DoesNotContain("Gave up", video.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, (await check.Jobs.SingleAsync(j => j.Id == jobId)).Attempts);
        Assert.Equal(0, await check.Clips.CountAsync());
        Assert.Equal(0, await check.Tags.CountAsync());
    }

    [Fact]
    public async Task AddAsync_IngestsAgainWithTheActiveModel_WhenVideoWasIngestedWithAnother()
    {
        var services = await WorkerAsync();
        var library = services.GetRequiredService<VideoLibrary>();
        var first = await library.AddAsync("acme", Media.Videos[0], "a.mp4");
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Succeeded), what: "the first ingest");
        // Other weights (another random init) under the same name: a new model, not the old one changed under its videos.
        var catalog = services.GetRequiredService<ModelCatalog>();
        var old = (await catalog.ListAsync()).Single();
        var newer = await catalog.AddAsync("test-tiny", TestModel.Save(Path.Combine(Scratch, "retrained")), activate: true);

        var again = await library.AddAsync("acme", Media.Videos[0], "a.mp4");
        await WaitUntilAsync(async db => await db.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded) == 2, what: "the second ingest");

        Assert.False(again.Created);
        Assert.Equal(first.Video.Id, again.Video.Id);
        await using var db = Db();
        var video = await db.Videos.Include(v => v.Clips).SingleAsync();
        Assert.Equal(newer.Id, video.ModelId);
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Equal(2, video.Clips.Count);
        Assert.NotEqual(old.Id, newer.Id);
        Assert.Equal(["test-tiny", $"test-tiny@{old.Checksum[..12]}"], (await db.Models.Select(m => m.Name).ToListAsync()).Order());
    }

    [Fact]
    public async Task Ingest_SamplesClipsAsTheModelWasTrained_WhenTheWorkerLeavesTheFrameRateToIt()
    {
        var services = await WorkerAsync();
        var catalog = services.GetRequiredService<ModelCatalog>();
        await catalog.AddAsync("one-fps", TestModel.Save(Path.Combine(Scratch, "one-fps"), framesPerSecond: 1), activate: true);

        await services.GetRequiredService<VideoLibrary>().AddAsync("acme", Media.Videos[0], "a.mp4");
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Succeeded), what: "the ingest");

        await using var db = Db();
        var clips = await db.Clips.ToListAsync();
        Assert.NotEmpty(clips);
        // Frames 1 s apart (the model's), not ClipBERT's 0.5 s.
        Assert.All(clips, c => Assert.Equal(1.0, c.FrameTimestamps[1] - c.FrameTimestamps[0], 1));
    }

    private async Task<Guid> InsertVideoAsync(string path)
    {
        await using var db = Db();
        var video = new Video
        {
            Id = Guid.NewGuid(),
            Tenant = "acme",
            Sha256 = Guid.NewGuid().ToString("N"),
            OriginalName = Path.GetFileName(path),
            StoredPath = path,
            SizeBytes = new FileInfo(path).Length,
            Status = VideoStatus.Pending,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Videos.Add(video);
        await db.SaveChangesAsync();
        return video.Id;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.QuestionAnswering;

public sealed class QaBatchTests : JobsDatabase
{
    [Fact]
    public async Task QaBatch_ReportsProgressAndAnswersEveryItem_WhenThousandQuestions()
    {
        var services = await WorkerAsync();
        var videos = await IngestAsync(services, 2);
        var questions = Enumerable.Range(0, 1000).Select(i => i % 4 == 0
            ? new QaQuestion(videos[i % 2], "what shape is it?", ["circle", "square", "triangle"])
            : new QaQuestion(videos[i % 2], $"what colour is the shape {i}?")).ToArray();

        var (batch, job, created) = await services.GetRequiredService<QaBatches>().SubmitAsync("acme", questions);

        var seen = new SortedSet<int>();
        await WaitUntilAsync(async db =>
        {
            var now = await db.QaBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);
            seen.Add(now.AnsweredCount);
            return now.Status == QaBatchStatus.Completed;
        }, seconds: 180, what: "the batch to complete");

        Assert.True(created);
        Assert.NotNull(job);
        Assert.Contains(seen, n => n is > 0 and < 1000);
        await using var db = Db();
        var done = await db.QaBatches.SingleAsync(b => b.Id == batch.Id);
        Assert.Equal(1000, done.AnsweredCount);
        Assert.Equal(0, done.FailedCount);
        var items = await db.QaItems.Where(i => i.BatchId == batch.Id).OrderBy(i => i.Ordinal).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 1000), items.Select(i => i.Ordinal));
        Assert.All(items, i =>
        {
            Assert.Equal(QaItemStatus.Answered, i.Status);
            Assert.Contains(i.Answer, i.Options ?? TestModel.Answers);
            Assert.Equal(2, i.ClipScores!.Length);
            // Probabilities for both kinds; the chosen option of three has at least a third.
            Assert.InRange(i.Score!.Value, i.Options is null ? 0 : (1.0 / 3) - 1e-9, 1);
            Assert.All(i.ClipScores, c => Assert.InRange(c, 0, 1));
            Assert.NotNull(i.StartSeconds);
        });
        Assert.Equal(JobStatus.Succeeded, (await db.Jobs.SingleAsync(j => j.Id == job.Id)).Status);
    }

    [Fact]
    public async Task Cancel_StopsBetweenChunksAndKeepsAnswers_WhenBatchIsRunning()
    {
        var options = TestOptions();
        options.QaChunkSize = 10;
        var services = await WorkerAsync(options);
        var videos = await IngestAsync(services, 1);
        var batches = services.GetRequiredService<QaBatches>();
        var (batch, _, _) = await batches.SubmitAsync("acme", Enumerable.Range(0, 2000).Select(i => new QaQuestion(videos[0], $"what colour {i}?")).ToArray());

        await WaitUntilAsync(async db => await db.QaBatches.AnyAsync(b => b.Id == batch.Id && b.AnsweredCount > 0), what: "the first chunk");
        Assert.True(await batches.CancelAsync("acme", batch.Id));
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Kind == JobKind.QaBatch && j.Status == JobStatus.Cancelled), what: "the cancel");

        await using var db = Db();
        var cancelled = await db.QaBatches.SingleAsync(b => b.Id == batch.Id);
        Assert.Equal(QaBatchStatus.Cancelled, cancelled.Status);
        Assert.InRange(cancelled.AnsweredCount, 1, 1999);
        Assert.Equal(cancelled.AnsweredCount, await db.QaItems.CountAsync(i => i.BatchId == batch.Id && i.Status == QaItemStatus.Answered));
    }

    [Fact]
    public async Task Submit_RefusesQuestionsAboutAnotherTenantsVideo()
    {
        var services = await WorkerAsync();
        var videos = await IngestAsync(services, 1);

        var refused = await Assert.ThrowsAsync<QaSubmissionException>(() =>
            services.GetRequiredService<QaBatches>().SubmitAsync("globex", [new QaQuestion(videos[0], "what colour?")]));

        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
        await using var db = Db();
        Assert.Equal(0, await db.QaBatches.CountAsync());
    }

    [Fact]
    public async Task QaItem_FailsWithReason_WhenItsVideoIsNotReady()
    {
        var services = await WorkerAsync();
        var added = await services.GetRequiredService<VideoLibrary>().AddAsync("acme", Media.Videos[5], "v.mp4");
        await WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Status == JobStatus.Succeeded), what: "ingest");
        await using (var db = Db())
        {
            await db.Videos.ExecuteUpdateAsync(v => v.SetProperty(x => x.Status, VideoStatus.Failed));
        }

        var (batch, _, _) = await services.GetRequiredService<QaBatches>().SubmitAsync("acme", [new QaQuestion(added.Video.Id, "what colour?")]);
        await WaitUntilAsync(async db => await db.QaBatches.AnyAsync(b => b.Id == batch.Id && b.Status == QaBatchStatus.Completed), what: "the batch");

        await using var check = Db();
        var item = await check.QaItems.SingleAsync();
        Assert.Equal(QaItemStatus.Failed, item.Status);
        Assert.Contains("not ready", item.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await check.QaBatches.SingleAsync()).FailedCount);
    }

    [Fact]
    public async Task DeleteVideo_RemovesItsQuestionsAndRecountsTheBatch_WhenBatchIsCompleted()
    {
        var services = await WorkerAsync();
        var videos = await IngestAsync(services, 2);
        var questions = Enumerable.Range(0, 6).Select(i => new QaQuestion(videos[i % 3 == 0 ? 0 : 1], $"what colour {i}?")).ToArray();
        var (batch, _, _) = await services.GetRequiredService<QaBatches>().SubmitAsync("acme", questions);
        await WaitUntilAsync(async db => await db.QaBatches.AnyAsync(b => b.Id == batch.Id && b.Status == QaBatchStatus.Completed), what: "the batch");

        Assert.True(await services.GetRequiredService<VideoLibrary>().DeleteAsync("acme", videos[0]));

        await using var db = Db();
        var left = await db.QaBatches.SingleAsync(b => b.Id == batch.Id);
        Assert.Equal((4, 4, 0), (left.ItemCount, left.AnsweredCount, left.FailedCount));
        Assert.Equal([1, 2, 4, 5], await db.QaItems.Where(i => i.BatchId == batch.Id).OrderBy(i => i.Ordinal).Select(i => i.Ordinal).ToListAsync());
        Assert.Equal(QaBatchStatus.Completed, left.Status);
    }

    private async Task<Guid[]> IngestAsync(IServiceProvider services, int count)
    {
        var library = services.GetRequiredService<VideoLibrary>();
        var ids = new List<Guid>();
        foreach (var video in Media.Videos.Take(count))
        {
            ids.Add((await library.AddAsync("acme", video, Path.GetFileName(video))).Video.Id);
        }
        await WaitUntilAsync(async db => await db.Videos.CountAsync(v => v.Status == VideoStatus.Ready) == count, what: "ingest");
        return ids.ToArray();
    }
}

using System.Globalization;
using System.Text.Json;
using VideoLang.Api.Commands;
using VideoLang.Model.Training;

namespace VideoLang.Api.Demo;

/// <summary>
/// What the demo does over HTTP with the held-out videos, whose content is known: upload them, wait
/// for ingest, then show tags, search for each video's caption and ask every question about them,
/// scoring each against the truth.
/// </summary>
internal sealed class DemoScenario(DemoClient client, IReadOnlyList<TrainingExample> videos)
{
    private const int Shown = 3;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ids = await UploadAsync(cancellationToken);
        var details = await WaitForIngestAsync(ids, cancellationToken);
        ShowTags(details);
        await SearchAsync(ids, cancellationToken);
        await AskAsync(ids, cancellationToken);
    }

    private async Task<Guid[]> UploadAsync(CancellationToken cancellationToken)
    {
        var ids = new Guid[videos.Count];
        for (var i = 0; i < videos.Count; i++)
        {
            var response = await client.UploadAsync(videos[i].VideoPath, cancellationToken);
            var video = response.TryGetProperty("video", out var nested) ? nested : response;
            ids[i] = video.GetProperty("id").GetGuid();
        }
        Console.WriteLine($"Uploaded {videos.Count} held-out videos (never seen in training) with POST /v1/videos.");
        return ids;
    }

    private async Task<JsonElement[]> WaitForIngestAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var details = new JsonElement[ids.Length];
        await ConsoleProgress.RunAsync("ingesting (worker)", async display =>
        {
            var pending = Enumerable.Range(0, ids.Length).ToHashSet();
            while (pending.Count > 0)
            {
                foreach (var i in pending.ToArray())
                {
                    details[i] = await client.GetAsync($"v1/videos/{ids[i]}", cancellationToken);
                    var status = details[i].GetProperty("status").GetString();
                    if (status is "ready" or "failed")
                    {
                        pending.Remove(i);
                    }
                }
                display.Update(ids.Length - pending.Count, ids.Length);
                await Task.Delay(500, cancellationToken);
            }
        });
        var failed = details.Count(d => d.GetProperty("status").GetString() == "failed");
        if (failed > 0)
        {
            Console.WriteLine($"{failed} videos failed to ingest: {details.First(d => d.GetProperty("status").GetString() == "failed").GetProperty("failure_reason")}");
        }
        return details;
    }

    private void ShowTags(JsonElement[] details)
    {
        Console.WriteLine();
        Console.WriteLine("Tags (GET /v1/videos/{id}), each with the clip that supports it:");
        for (var i = 0; i < Math.Min(Shown, videos.Count); i++)
        {
            var tags = details[i].GetProperty("tags").EnumerateArray()
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.GetProperty("label").GetString()} {t.GetProperty("score").GetDouble():F2} @{Range(t)}"));
            Console.WriteLine($"  {Path.GetFileName(videos[i].VideoPath)}: {string.Join(", ", tags)}");
            Console.WriteLine($"    truth: {string.Join(", ", videos[i].Tags)}");
        }
    }

    private async Task SearchAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"Search (GET /v1/search): each held-out video's caption among all {ids.Length}; two stages, embedding candidates re-scored with the cross-encoder added:");
        var top1 = 0;
        var top5 = 0;
        for (var i = 0; i < videos.Count; i++)
        {
            var caption = videos[i].Captions[0];
            var response = await client.GetAsync($"v1/search?q={Uri.EscapeDataString(caption)}&limit=5", cancellationToken);
            var results = response.GetProperty("results").EnumerateArray().ToArray();
            var rank = Array.FindIndex(results, r => r.GetProperty("video_id").GetGuid() == ids[i]);
            top1 += rank == 0 ? 1 : 0;
            top5 += rank >= 0 ? 1 : 0;
            if (i < Shown && results.Length > 0)
            {
                var best = results[0];
                var mark = rank == 0 ? "right" : $"wrong, the video searched for is {(rank < 0 ? "not in the top 5" : $"at rank {rank + 1}")}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  \"{caption}\" -> {best.GetProperty("original_name").GetString()} score {best.GetProperty("score").GetDouble():F2} at {Range(best)} ({mark})"));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  over all {videos.Count} captions: right video at rank 1 for {top1}, in the top 5 for {top5}."));
    }

    private async Task AskAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var questions = videos.SelectMany((v, i) => v.Questions.Select(q => (Video: i, Item: q))).ToArray();
        var body = questions.Select(q => new { VideoId = ids[q.Video], q.Item.Question, q.Item.Options }).ToArray();
        var batch = await client.PostJsonAsync("v1/qa/batches", body, cancellationToken);
        var batchId = (batch.TryGetProperty("batch", out var nested) ? nested : batch).GetProperty("id").GetGuid();
        Console.WriteLine();
        Console.WriteLine($"Questions (POST /v1/qa/batches): {questions.Length} about the held-out videos, answered by the worker in the background.");
        while (true)
        {
            var progress = await client.GetAsync($"v1/qa/batches/{batchId}", cancellationToken);
            if (progress.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                break;
            }
            await Task.Delay(500, cancellationToken);
        }
        var answers = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.GetAsync($"v1/qa/batches/{batchId}/items?limit=100{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", cancellationToken);
            answers.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        var right = 0;
        foreach (var answer in answers)
        {
            var (video, item) = questions[answer.GetProperty("ordinal").GetInt32()];
            var given = answer.TryGetProperty("answer", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            right += given == item.Answer ? 1 : 0;
            if (video < Shown)
            {
                var mark = given == item.Answer ? "right" : $"wrong, truth {item.Answer}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Path.GetFileName(videos[video].VideoPath)}: {item.Question} -> {given} ({answer.GetProperty("score").GetDouble():F2}, {mark}) @{Range(answer)}"));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {right} of {answers.Count} answers right ({100.0 * right / Math.Max(1, answers.Count):F0}%)."));
    }

    private static string Range(JsonElement element) => string.Create(CultureInfo.InvariantCulture,
        $"{element.GetProperty("start_seconds").GetDouble():F1}-{element.GetProperty("end_seconds").GetDouble():F1}s");
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Commands;

/// <summary>`vlang qa FILE.jsonl`: submits a batch of questions ({"video_id", "question", "options"?} per line), answers it and prints the answers.</summary>
internal static class QaCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSONL: one {\"video_id\": ..., \"question\": ..., \"options\": [...]?} per line." };
        var tenant = CommandLine.TenantOption();
        var command = new Command("qa", "Answer a batch of questions about ingested videos.") { file, tenant }.AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            var questions = Read(result.GetValue(file)!);
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: true, cancellationToken);
            var (batch, job, _) = await services.Get<QaBatches>().SubmitAsync(result.GetValue(tenant)!, questions, cancellationToken: cancellationToken);
            var contexts = services.Get<IDbContextFactory<VideoLangDbContext>>();
            await JobProgress.WaitAsync(contexts, [job!.Id], $"answering {questions.Count} questions", async db =>
            {
                var now = await db.QaBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id, cancellationToken);
                return (now.AnsweredCount + now.FailedCount, now.ItemCount);
            }, cancellationToken);
            await using var read = await contexts.CreateDbContextAsync(cancellationToken);
            var table = new Table().AddColumns("#", "question", "answer", "score", "moment");
            foreach (var item in await read.QaItems.AsNoTracking().Where(i => i.BatchId == batch.Id).OrderBy(i => i.Ordinal).ToListAsync(cancellationToken))
            {
                table.AddRow(item.Ordinal.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Question), Markup.Escape(item.Answer ?? $"({item.Error})"),
                    item.Score?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
                    item.StartSeconds is { } start ? string.Create(CultureInfo.InvariantCulture, $"{start:F1}-{item.EndSeconds:F1}s") : "");
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static List<QaQuestion> Read(string path)
    {
        var questions = new List<QaQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var item = JsonSerializer.Deserialize<Line>(line, Json)
                ?? throw new FormatException($"{path}:{lineNumber} is not a JSON object.");
            questions.Add(new QaQuestion(item.VideoId, item.Question ?? throw new FormatException($"{path}:{lineNumber} has no \"question\"."), item.Options));
        }
        return questions;
    }

    private sealed record Line(Guid VideoId, string? Question, string[]? Options);
}

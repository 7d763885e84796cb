using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoLang.Jobs.Search;

namespace VideoLang.Api.Commands;

/// <summary>`vlang search TEXT`: search over the active embedder's clips (re-ranked when a cross-encoder is active), with the moment that matched.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "What to look for, e.g. \"a red circle moving left\"." };
        var tenant = CommandLine.TenantOption();
        var limit = new Option<int>("--limit") { Description = "Most results.", DefaultValueFactory = _ => 10 };
        var byClip = new Option<bool>("--by-clip") { Description = "One result per matching clip instead of per video." };
        var rerank = new Option<int?>("--rerank") { Description = "First-stage candidates the cross-encoder re-ranks (default 50 when a cross-encoder is active; 0 for stage one only)." };
        var command = new Command("search", "Search a tenant's videos with free text.") { text, tenant, limit, byClip, rerank }.AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var request = new SearchRequest(result.GetValue(text)!, result.GetValue(limit), 0,
                result.GetValue(byClip) ? SearchGrouping.Clip : SearchGrouping.Video, result.GetValue(rerank));
            var hits = await services.Get<VideoSearch>().SearchAsync(result.GetValue(tenant)!, request, cancellationToken);
            var table = new Table().AddColumns("#", "video", "score", "moment", "embedding similarity");
            var rank = 0;
            foreach (var hit in hits)
            {
                table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), Markup.Escape($"{hit.OriginalName} {hit.VideoId}"),
                    hit.Score.ToString("F3", CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{hit.StartSeconds:F1}-{hit.EndSeconds:F1}s (clip {hit.Clip})"),
                    hit.EmbeddingSimilarity.ToString("F3", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

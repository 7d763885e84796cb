using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace VideoLang.Api.Commands;

/// <summary>
/// Shows long work: Spectre's live bar on an interactive terminal; otherwise (a log file, a pipe, CI)
/// one plain line every few seconds with the step, the total, the rate and the time left, and a last
/// line when the work ends. A redirected bar would print the same line hundreds of times.
/// </summary>
internal sealed class ConsoleProgress
{
    private static readonly TimeSpan s_lineInterval = TimeSpan.FromSeconds(5);

    private readonly object _lock = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly ProgressTask? _bar;
    private readonly string _title;
    private double _done;
    private double _total;
    private string? _detail;

    private ConsoleProgress(string title, ProgressTask? bar) => (_title, _bar) = (title, bar);

    /// <summary>Whether a live bar can be drawn: a terminal that is not redirected.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task RunAsync(string title, Func<ConsoleProgress, Task> work)
    {
        if (Interactive)
        {
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(context => work(new ConsoleProgress(title, context.AddTask(Markup.Escape(title)))));
            return;
        }

        var plain = new ConsoleProgress(title, null);
        await using (new Timer(_ => plain.WriteLine(), null, s_lineInterval, s_lineInterval))
        {
            await work(plain);
        }
        plain.WriteLine(final: true);
    }

    /// <summary>Records where the work is; <paramref name="detail"/> (e.g. "epoch 3 loss 0.412") is shown beside it.</summary>
    public void Update(double done, double total, string? detail = null)
    {
        lock (_lock)
        {
            (_done, _total, _detail) = (done, Math.Max(total, 0), detail);
        }
        if (_bar is not null)
        {
            _bar.MaxValue = Math.Max(1, total);
            _bar.Value = Math.Min(done, _bar.MaxValue);
            _bar.Description = Markup.Escape(detail is null ? _title : $"{_title}: {detail}");
        }
    }

    private void WriteLine(bool final = false)
    {
        string line;
        lock (_lock)
        {
            var elapsed = _watch.Elapsed;
            var rate = _done / Math.Max(elapsed.TotalSeconds, 1e-9);
            var percent = _total > 0 ? 100 * _done / _total : 0;
            var left = rate > 0 && _total > _done ? TimeSpan.FromSeconds((_total - _done) / rate) : TimeSpan.Zero;
            line = string.Create(CultureInfo.InvariantCulture,
                $"{_title}: {_done:0}/{_total:0} ({percent:0}%), {rate:0.##}/s, {(final ? "took " + Clock(elapsed) : "about " + Clock(left) + " left")}") +
                (_detail is null ? "" : $", {_detail}");
        }
        Console.WriteLine(line);
    }

    private static string Clock(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}

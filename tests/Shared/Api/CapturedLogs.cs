using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>
/// The one logger factory of the test run. Hangfire keeps the logger factory of the last host in a
/// static, so every host must share one that outlives them all; it keeps the latest warnings and errors
/// so a test that times out can say what the server complained about.
/// </summary>
internal static class CapturedLogs
{
    private const int Kept = 50;
    private static readonly ConcurrentQueue<string> s_lines = new();

    public static ILoggerFactory Factory { get; } = LoggerFactory.Create(builder => builder.AddProvider(new Provider()).SetMinimumLevel(LogLevel.Warning));

    /// <summary>The latest warnings and errors, oldest first.</summary>
    public static string Recent() => string.Join(Environment.NewLine, s_lines);

    private sealed class Provider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            s_lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            while (s_lines.Count > Kept && s_lines.TryDequeue(out _))
            {
            }
        }
    }
}

using VideoLang.Jobs.Hosting;

namespace VideoLang.Jobs.Tests;

/// <summary>
/// `dotnet VideoLang.Jobs.Tests.dll worker --Section:Key=value ...` runs the same worker host as
/// `vlang worker`, so tests can start real worker processes and SIGKILL them. The test runner never
/// calls this entry point.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["worker", ..])
        {
            await Console.Error.WriteLineAsync("usage: VideoLang.Jobs.Tests worker --ConnectionStrings:VideoLang=... [--Worker:Key=value ...]");
            return 2;
        }
        await WorkerHost.RunAsync(args[1..]);
        return 0;
    }
}

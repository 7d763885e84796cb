using System.CommandLine;
using VideoLang.Api.Hosting;
using VideoLang.Jobs.Hosting;

namespace VideoLang.Api.Commands;

/// <summary>`vlang serve` runs the HTTP API; `vlang worker` runs jobs. Both take <c>--Section:Key=value</c> settings (and <c>--urls</c>).</summary>
internal static class ServeCommand
{
    public static Command Serve()
    {
        var command = new Command("serve", "Run the HTTP API (settings: --urls http://0.0.0.0:8080, --ConnectionStrings:VideoLang=..., --Api:Key=value).").AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            await ApiApplication.Build(result.Settings().ToArray()).RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command Worker()
    {
        var command = new Command("worker", "Run jobs from the shared queue until stopped; start as many as the machines allow.").AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            await WorkerHost.RunAsync(result.Settings().ToArray(), cancellationToken);
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using VideoLang.Api.Commands;
using VideoLang.Api.Demo;
using VideoLang.Api.Hosting;

// `vlang` with no command, or with only --Key=value settings (as WebApplicationFactory passes them), serves the API.
if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "-h" or "--version"))
{
    await ApiApplication.Build(args).RunAsync();
    return 0;
}

var root = new RootCommand("VideoLang: tag, search and question your videos. Settings: appsettings.json, VIDEOLANG_* environment variables, or --Section:Key=value after a command.")
{
    ServeCommand.Serve(),
    ServeCommand.Worker(),
    MigrateCommand.Create(),
    KeysCommand.Create(),
    IngestCommand.Create(),
    SearchCommand.Create(),
    QaCommand.Create(),
    TrainCommand.Create(),
    ImportWeightsCommand.Create(),
    ModelsCommand.Create(),
    BenchCommand.Create(),
    DemoCommand.Create(),
};
// Failures are told in a sentence (CommandFailures), not System.CommandLine's stack trace.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return CommandFailures.Report(e);
}

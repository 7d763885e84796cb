using VideoLang.Api.Hosting;

// `vlang` with no command, or with only --Key=value settings (as WebApplicationFactory passes), serves the API.
if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) || args[0] == "serve")
{
    var serveArgs = args.Length > 0 && args[0] == "serve" ? args[1..] : args;
    await ApiApplication.Build(serveArgs).RunAsync();
    return 0;
}
Console.Error.WriteLine($"Unknown command '{args[0]}'.");
return 2;

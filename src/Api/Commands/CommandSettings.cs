using Microsoft.Extensions.Configuration;

namespace VideoLang.Api.Commands;

/// <summary>
/// Configuration for a command, the same sources the service reads: <c>appsettings.json</c> in the
/// working directory, <c>VIDEOLANG_</c> environment variables (<c>VIDEOLANG_ConnectionStrings__VideoLang</c>),
/// and <c>--Section:Key=value</c> settings after the command's own arguments.
/// </summary>
internal static class CommandSettings
{
    public static IConfiguration Build(IReadOnlyList<string> settings) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("VIDEOLANG_")
            .AddCommandLine(settings.ToArray())
            .Build();
}

using Microsoft.Extensions.Configuration;
using VideoLang.Jobs.Hosting;
using VideoLang.Sampler;

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

    /// <summary>A sampler with the <c>Sampler</c> section's options, so limits and timeouts set in configuration apply to the command's own decoding.</summary>
    public static VideoSampler Sampler(IReadOnlyList<string> settings) => new(WorkerHost.SamplerSettings(Build(settings)));
}

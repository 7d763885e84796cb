using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Web.Tests.Fixtures;

/// <summary>
/// The real service (the API tests' <see cref="ApiServer"/>: real PostgreSQL, ffmpeg and the trained tiny
/// model) listening on a loopback port, and Debian's chromium driven by Playwright. Playwright's own
/// browser download is not reachable (nor needed): the browser is the one at <see cref="ChromiumPath"/>.
/// </summary>
public sealed class WebServer : ApiServer, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Debian's chromium, or the browser named by <c>VIDEOLANG_CHROMIUM</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("VIDEOLANG_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the tests' screenshots go: artifacts/web-screenshots at the repository's root.</summary>
    public static string Screenshots { get; } = ScreenshotFolder();

    protected override bool Kestrel => true;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public new async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"There is no browser at {ChromiumPath}. Run ops/setup.sh (it installs Debian's chromium) or set VIDEOLANG_CHROMIUM.");
        }
        await base.InitializeAsync();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        _playwright = await Playwright.CreateAsync();
        // No sandbox: the tests may run as root (CI containers), where chromium's sandbox refuses to start.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    public new async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies and session storage) at the given width, on a new page.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private static string ScreenshotFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VideoLang.sln")))
        {
            directory = directory.Parent;
        }
        var folder = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "artifacts", "web-screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}

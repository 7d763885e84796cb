using System.Globalization;
using Microsoft.Playwright;

namespace VideoLang.Web.Tests.Fixtures;

/// <summary>What a person does on the page, as the tests do it: sign in, wait for the player's seek, keep a screenshot.</summary>
public static class PageSteps
{
    /// <summary>Opens the page, types the key into the sign-in form and waits for the navigation to appear.</summary>
    public static async Task SignInAsync(this IPage page, string key, string path = "/")
    {
        await page.GotoAsync("/#" + path);
        await page.FillAsync("#key", key);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("#nav").WaitForAsync();
    }

    /// <summary>Waits until the player has finished a seek, and returns where it landed (seconds).</summary>
    public static async Task<double> SeekedToAsync(this IPage page)
    {
        var handle = await page.WaitForFunctionAsync("() => document.querySelector('#player')?.dataset.seekedTo");
        return double.Parse(await handle.JsonValueAsync<string>(), CultureInfo.InvariantCulture);
    }

    /// <summary>Whether every image matching <paramref name="selector"/> loaded (has pixels); waits for them to finish first.</summary>
    public static async Task<bool> ImagesLoadedAsync(this IPage page, string selector)
    {
        await page.WaitForFunctionAsync("s => [...document.querySelectorAll(s)].every(i => i.complete)", selector);
        return await page.EvaluateAsync<bool>("s => { const all = [...document.querySelectorAll(s)]; return all.length > 0 && all.every(i => i.naturalWidth > 0); }", selector);
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(WebServer.Screenshots, name + ".png"), FullPage = true });
}

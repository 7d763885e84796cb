using System.Net;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Auth;

public sealed class MediaCookieTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task SignIn_SetsAnHttpOnlyStrictCookieForTheVideosPath_AndSaysWhoTheKeyIs()
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Reader.PostAsync("/v1/session", null);

        var session = await response.ReadAsync<SessionInfo>(HttpStatusCode.OK);
        Assert.Equal((tenant.Name, "reader"), (session.Tenant, session.KeyName));
        Assert.Equal(["read"], session.Scopes);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("vl_media=vl_", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/v1/videos", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cookie_OpensTheTenantsContentAndThumbnails_ButNoOtherEndpointNorAnotherTenantsVideo()
    {
        var tenant = await server.NewTenantAsync();
        var video = Assert.Single(await tenant.IngestAsync(server, [server.Model.Videos[3].Path]));
        var cookie = await CookieAsync(tenant.Reader);
        var other = await server.NewTenantAsync();
        var otherCookie = await CookieAsync(other.Reader);

        using (var content = await WithCookieAsync($"/v1/videos/{video.Id}/content", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        }
        using (var thumbnail = await WithCookieAsync($"/v1/videos/{video.Id}/clips/0/thumbnail", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        }
        using (var details = await WithCookieAsync($"/v1/videos/{video.Id}", cookie))
        {
            await details.ProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var foreign = await WithCookieAsync($"/v1/videos/{video.Id}/content", otherCookie))
        {
            await foreign.ProblemAsync(HttpStatusCode.NotFound);
        }
        using (var forged = await WithCookieAsync($"/v1/videos/{video.Id}/content", "vl_media=vl_not-a-key"))
        {
            var problem = await forged.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("Sign in again", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task SignOut_ExpiresTheCookie()
    {
        using var response = await server.Client().DeleteAsync("/v1/session");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("vl_media=;", cookie, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> CookieAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/session", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string path, string cookie)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

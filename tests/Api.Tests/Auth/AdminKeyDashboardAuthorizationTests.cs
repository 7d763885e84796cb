using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Api.Auth;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Auth;

/// <summary>The dashboard's own filter, on its own: it refuses whatever the endpoint policy in front of it would.</summary>
public sealed class AdminKeyDashboardAuthorizationTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true, "read")]
    [InlineData(true, "read", "write")]
    [InlineData(true, "read", "write", "admin")]
    public void Authorize_AdmitsOnlyAnAuthenticatedAdminKey(bool authenticated, params string[] scopes)
    {
        var identity = authenticated
            ? new ClaimsIdentity(scopes.Select(s => new Claim(ApiKeyDefaults.ScopeClaim, s)), ApiKeyDefaults.Scheme)
            : new ClaimsIdentity();
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = server.Services };
        var context = new AspNetCoreDashboardContext(server.Services.GetRequiredService<JobStorage>(), new DashboardOptions(), http);

        var admitted = new AdminKeyDashboardAuthorization().Authorize(context);

        Assert.Equal(scopes.Contains("admin"), admitted);
    }
}

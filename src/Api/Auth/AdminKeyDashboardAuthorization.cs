using Hangfire.Dashboard;

namespace VideoLang.Api.Auth;

/// <summary>
/// Lets only callers with an admin API key into Hangfire's dashboard (whose own default lets in any
/// local request). The caller was authenticated by <see cref="ApiKeyAuthenticationHandler"/>, as for
/// every other endpoint; this reads the scope it granted.
/// </summary>
internal sealed class AdminKeyDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.Scopes().Contains(Scopes.Admin);
    }
}

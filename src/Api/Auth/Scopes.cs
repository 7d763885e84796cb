using Microsoft.AspNetCore.Authorization;
using VideoLang.Jobs.Access;

namespace VideoLang.Api.Auth;

/// <summary>
/// Authorization policies named after the scopes: reads need <c>read</c>, uploads, submissions and
/// deletes need <c>write</c>. A policy checks the scope claims the authentication handler expanded
/// with <see cref="ApiKeys.Grants"/>, so the implication rules live in one place.
/// </summary>
internal static class Scopes
{
    public const string Read = ApiKeys.Read;
    public const string Write = ApiKeys.Write;
    public const string Admin = ApiKeys.Admin;

    public static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in ApiKeys.AllScopes)
        {
            builder.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(ApiKeyDefaults.Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyDefaults.ScopeClaim, scope));
        }
        return builder;
    }
}

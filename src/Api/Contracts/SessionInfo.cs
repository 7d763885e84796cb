namespace VideoLang.Api.Contracts;

/// <summary>Who a signed-in key is: its tenant, its name and the scopes it grants (implied ones included), so a page shows only what the key may do.</summary>
public sealed record SessionInfo(string Tenant, string KeyName, IReadOnlyList<string> Scopes);

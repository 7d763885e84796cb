using System.CommandLine;
using System.Globalization;
using VideoLang.Jobs.Access;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Commands;

/// <summary>`vlang keys create | list | revoke`: API keys. Secrets are printed once, at creation; listings show the prefix only.</summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "API keys.") { CreateKey(), List(), Revoke() };

    private static Command CreateKey()
    {
        var tenant = CommandLine.TenantOption();
        var name = new Option<string>("--name") { Description = "What the key is for, shown in listings.", DefaultValueFactory = _ => "cli" };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated: read, write, admin.", DefaultValueFactory = _ => "read,write" };
        var create = new Command("create", "Create an API key for a tenant; the secret is printed once and only its hash is stored.") { tenant, name, scopes }.AcceptingSettings();
        create.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var requested = result.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var created = await services.Get<ApiKeys>().CreateAsync(result.GetValue(tenant)!, result.GetValue(name)!, requested, cancellationToken);
            Console.Error.WriteLine($"Key {created.Key.Id} ({created.Key.Prefix}...) for tenant '{created.Key.Tenant}' with scopes {string.Join(",", created.Key.Scopes)}. Keep the secret; it is not shown again:");
            Console.WriteLine(created.Secret);
            return 0;
        });
        return create;
    }

    private static Command List()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's keys (default: every tenant's)." };
        var list = new Command("list", "List API keys: id, tenant, name, scopes, the secret's first characters, when created and revoked. Never the secret.") { tenant }.AcceptingSettings();
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var keys = await services.Get<ApiKeys>().ListAsync(result.GetValue(tenant), cancellationToken);
            // Tab-separated with a header: readable, and a script can cut columns without parsing a table.
            Console.WriteLine(string.Join('\t', "id", "tenant", "name", "scopes", "prefix", "created", "revoked"));
            foreach (var key in keys)
            {
                Console.WriteLine(string.Join('\t', key.Id, key.Tenant, key.Name, string.Join(",", key.Scopes), key.Prefix + "...",
                    Time(key.CreatedAt), key.RevokedAt is { } revoked ? Time(revoked) : "-"));
            }
            // REVIEW: when a key was last used is not recorded (api_keys has no column for it); it needs a migration.
            Console.Error.WriteLine($"{keys.Count} key(s). When a key was last used is not recorded.");
            return 0;
        });
        return list;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id") { Description = "The key's id, as `vlang keys list` shows it." };
        var revoke = new Command("revoke", "Revoke an API key: requests with it get 401 from the next one on.") { id }.AcceptingSettings();
        revoke.SetAction(async (result, cancellationToken) =>
        {
            var text = result.GetValue(id)!;
            if (!Guid.TryParse(text, out var keyId))
            {
                throw new ArgumentException($"'{text}' is not a key id. `vlang keys list` shows each key's id (a GUID such as 0193a5c2-...).");
            }
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var key = await services.Get<ApiKeys>().RevokeAsync(keyId, cancellationToken)
                ?? throw new ArgumentException($"There is no API key {keyId}. `vlang keys list` shows the keys there are.");
            Console.WriteLine($"Key {key.Id} ({key.Prefix}..., '{key.Name}' of tenant '{key.Tenant}') is revoked since {Time(key.RevokedAt!.Value)}.");
            return 0;
        });
        return revoke;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}

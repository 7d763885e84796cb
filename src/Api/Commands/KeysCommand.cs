using System.CommandLine;
using VideoLang.Jobs.Access;

namespace VideoLang.Api.Commands;

/// <summary>`vlang keys create`: makes an API key and prints its secret once.</summary>
internal static class KeysCommand
{
    public static Command Create()
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
            Console.Error.WriteLine($"Key {created.Key.Prefix}... for tenant '{created.Key.Tenant}' with scopes {string.Join(",", created.Key.Scopes)}. Keep the secret; it is not shown again:");
            Console.WriteLine(created.Secret);
            return 0;
        });
        return new Command("keys", "API keys.") { create };
    }
}

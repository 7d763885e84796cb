using System.CommandLine;
using VideoLang.Jobs.Hosting;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Commands;

/// <summary>`vlang migrate`: brings the database to the newest schema (the service also does this at start-up).</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or update the database schema (VideoLang's tables and the job store's).").AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            var connectionString = WorkerHost.ConnectionString(CommandSettings.Build(result.Settings()));
            var applied = await DatabaseMigrator.MigrateAsync(connectionString, cancellationToken);
            Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {string.Join(", ", applied)}.");
            return 0;
        });
        return command;
    }
}

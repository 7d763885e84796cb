namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Where jobs wait in Hangfire's storage. Hangfire.PostgreSql hands out never-fetched entries first,
/// then by queue name, so a job whose worker died would otherwise wait behind every new job; the
/// recovery check moves it to <see cref="Abandoned"/>, whose name sorts before <see cref="Default"/>.
/// </summary>
internal static class HangfireQueues
{
    /// <summary>Hangfire's schema in the service's database.</summary>
    public const string Schema = "hangfire";

    /// <summary>New work and retries.</summary>
    public const string Default = "default";

    /// <summary>Jobs taken back from a worker that stopped answering: run before new work.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Every queue a worker takes jobs from.</summary>
    public static readonly string[] All = [Abandoned, Default];
}

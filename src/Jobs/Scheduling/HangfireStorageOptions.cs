using Hangfire.PostgreSql;

namespace VideoLang.Jobs.Scheduling;

/// <summary>Hangfire.PostgreSql's settings, from <see cref="WorkerOptions"/>; each one is explained there.</summary>
internal static class HangfireStorageOptions
{
    /// <param name="worker">The settings.</param>
    /// <param name="installSchema">
    /// True for the process-wide storage (installs or upgrades the <c>hangfire</c> schema once, under
    /// Hangfire's own lock); false for the short-lived storages that enqueue inside a transaction.
    /// </param>
    public static PostgreSqlStorageOptions For(WorkerOptions worker, bool installSchema) => new()
    {
        SchemaName = HangfireQueues.Schema,
        PrepareSchemaIfNecessary = installSchema,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = worker.InvisibilityTimeout,
        EnableLongPolling = true,
        QueuePollInterval = worker.PollInterval,
        EnableTransactionScopeEnlistment = true,
    };
}

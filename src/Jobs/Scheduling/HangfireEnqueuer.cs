using System.Diagnostics;
using System.Globalization;
using System.Transactions;
using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Npgsql;
using VideoLang.Jobs.Running;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Creates the Hangfire job for a <see cref="Store.Job"/> row on a connection that is in an ambient
/// transaction (<see cref="EnlistedTransaction"/>), so it becomes visible to workers only when that
/// transaction commits, together with whatever else it wrote.
/// </summary>
internal sealed class HangfireEnqueuer(WorkerOptions worker, IJobFilterProvider filters)
{
    private readonly PostgreSqlStorageOptions _options = HangfireStorageOptions.For(worker, installSchema: false);

    /// <summary>Hangfire's id for the new job, queued now or scheduled for <paramref name="at"/>.</summary>
    public long Enqueue(NpgsqlConnection connection, Guid jobId, DateTimeOffset? at)
    {
        Debug.Assert(Transaction.Current is not null, "enqueue only inside the transaction that commits the job row");
        var storage = new PostgreSqlStorage(new ExistingNpgsqlConnectionFactory(connection, _options), _options);
        var client = new BackgroundJobClient(storage, new BackgroundJobFactory(filters), new BackgroundJobStateChanger(filters));
        var job = Job.FromExpression<VideoLangJob>(j => j.RunAsync(jobId, null, CancellationToken.None), HangfireQueues.Default);
        IState state = at is { } due && due > DateTimeOffset.UtcNow ? new ScheduledState(due.UtcDateTime) : new EnqueuedState(HangfireQueues.Default);
        return long.Parse(client.Create(job, state), CultureInfo.InvariantCulture);
    }
}

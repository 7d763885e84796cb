using System.Runtime.CompilerServices;
using System.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Makes saving a new <see cref="Job"/> row and putting it on Hangfire's queue one commit: when a
/// save adds job rows, it runs in an <see cref="EnlistedTransaction"/> in which the Hangfire jobs are
/// created first and their ids written on the rows. A save that is already inside a transaction the
/// caller opened is left alone; <see cref="JobQueue.ScheduleAsync"/> after the commit queues its jobs,
/// and should the process die before that, the workers' recovery check does.
/// </summary>
internal sealed class JobEnqueueInterceptor(HangfireEnqueuer enqueuer) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !OwnsTransaction(context))
        {
            return result;
        }
        var jobs = context.ChangeTracker.Entries<Job>()
            .Where(e => e.State == EntityState.Added && e.Entity.BackgroundJobId is null && !JobQueue.IsFinished(e.Entity.Status))
            .Select(e => e.Entity).ToList();
        if (jobs.Count == 0)
        {
            return result;
        }
        var transaction = await EnlistedTransaction.BeginAsync(context, cancellationToken);
        try
        {
            foreach (var job in jobs)
            {
                job.BackgroundJobId = transaction.Run(() => enqueuer.Enqueue(transaction.Connection, job.Id, job.NextAttemptAt));
            }
        }
        catch
        {
            Reset(jobs);
            await transaction.DisposeAsync();
            throw;
        }
        _pending.AddOrUpdate(context, new Pending(transaction, jobs));
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            await using (pending.Transaction)
            {
                await pending.Transaction.CommitAsync();
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    // The synchronous SaveChanges gets the same treatment; the work underneath is the same.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    private async Task AbandonAsync(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            // Rolled back: the rows stay Added in the context, with no queue entry.
            Reset(pending.Jobs);
            await pending.Transaction.DisposeAsync();
        }
    }

    private static bool OwnsTransaction(DbContext context) =>
        context.Database.CurrentTransaction is null && context.Database.GetEnlistedTransaction() is null && Transaction.Current is null;

    private static void Reset(List<Job> jobs)
    {
        foreach (var job in jobs)
        {
            job.BackgroundJobId = null;
        }
    }

    private sealed record Pending(EnlistedTransaction Transaction, List<Job> Jobs);
}

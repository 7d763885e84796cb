using Quartz;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Puts work on the cluster's queue. A job is two things: the <see cref="Job"/> row users see (added
/// with <see cref="Create"/> in the same transaction as the video or batch it works on) and a Quartz
/// trigger (<see cref="ScheduleAsync"/>, after that transaction commits). Should the process die between
/// the two, <see cref="QueuedJobSweeper"/> finds the row without a trigger and schedules it.
/// </summary>
public sealed class JobQueue(ISchedulerFactory schedulers, TimeProvider time)
{
    internal const string Group = "videolang";
    internal const string JobIdKey = "job-id";

    /// <summary>A new queued job row; add it to the context that saves its subject.</summary>
    public Job Create(string tenant, JobKind kind, Guid subjectId) => new()
    {
        Id = Guid.CreateVersion7(),
        Tenant = tenant,
        Kind = kind,
        SubjectId = subjectId,
        Status = JobStatus.Queued,
        CreatedAt = time.GetUtcNow(),
    };

    /// <summary>Hands a committed job to the workers, to run at <paramref name="at"/> (now if null).</summary>
    public async Task ScheduleAsync(Guid jobId, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(jobId.ToString(), Group);
        // Recovery re-runs the job on another worker if this one dies while running it.
        var detail = JobBuilder.Create<VideoLangJob>()
            .WithIdentity(key)
            .RequestRecovery()
            .UsingJobData(JobIdKey, jobId.ToString())
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"{jobId}-{Guid.NewGuid():N}", Group)
            .ForJob(key)
            .StartAt(at ?? time.GetUtcNow())
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow())
            .Build();
        // replace: a retry adds a trigger to a job Quartz may still hold; the detail is the same.
        await scheduler.ScheduleJob(detail, [trigger], replace: true, cancellationToken);
    }
}

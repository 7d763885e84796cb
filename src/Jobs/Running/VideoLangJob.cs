using Quartz;
using VideoLang.Jobs.Scheduling;

namespace VideoLang.Jobs.Running;

/// <summary>
/// The one Quartz job type: it carries a <see cref="Store.Job"/> id and hands it to
/// <see cref="JobExecutor"/>. Non-concurrent, so a retry trigger never overlaps a running attempt.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class VideoLangJob(JobExecutor executor) : IJob
{
    public Task Execute(IJobExecutionContext context)
    {
        var id = Guid.Parse(context.MergedJobDataMap.GetString(JobQueue.JobIdKey)!);
        return executor.RunAsync(id, context.CancellationToken);
    }
}

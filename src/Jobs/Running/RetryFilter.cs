using Hangfire.Common;
using Hangfire.States;

namespace VideoLang.Jobs.Running;

/// <summary>
/// Hangfire's retry decision for VideoLang jobs, in place of its AutomaticRetry filter (whose delays
/// are whole seconds and whose count knows nothing of attempts lost with a killed worker). The
/// executor decides from the job row and says so by what it throws: <see cref="JobFailedException"/>
/// stays failed (a bad video, a broken checkpoint, or retries used up: the message is the reason);
/// <see cref="RetryLaterException"/> is scheduled after its back-off. Anything else means the attempt
/// could not even record its outcome (the database away): it is tried again after a growing back-off,
/// and the job row, which counts attempts, gives up once it can.
/// </summary>
internal sealed class RetryFilter(WorkerOptions options) : IElectStateFilter
{
    private const string RetryCount = "RetryCount";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed)
        {
            return;
        }
        switch (failed.Exception)
        {
            case JobFailedException:
                return;
            case RetryLaterException retry:
                context.CandidateState = new ScheduledState(retry.Delay) { Reason = Shorten($"Retry after {retry.Delay.TotalSeconds:0.#} s: {retry.Message}") };
                return;
            default:
                var attempt = context.GetJobParameter<int>(RetryCount, allowStale: true) + 1;
                context.SetJobParameter(RetryCount, attempt);
                var delay = RetryPolicy.Delay(attempt, options);
                context.CandidateState = new ScheduledState(delay) { Reason = Shorten($"The attempt could not record its outcome; again in {delay.TotalSeconds:0.#} s: {failed.Exception.Message}") };
                return;
        }
    }

    private static string Shorten(string reason) => reason.Length <= 200 ? reason : reason[..199] + "…";
}

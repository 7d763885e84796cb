using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Tests.Ffmpeg;

/// <summary>They change the process-wide limit, so nothing else may run ffmpeg beside them.</summary>
[CollectionDefinition(nameof(MediaProcessLimitCollection), DisableParallelization = true)]
public sealed class MediaProcessLimitCollection;

[Collection(nameof(MediaProcessLimitCollection))]
public sealed class MediaProcessTests
{
    [Fact]
    public async Task RunAsync_StopsARun_WhenItUsesMoreProcessorTimeThanItsBudget()
    {
        // Encoding a long test pattern keeps a core busy far past a 0.3 s budget.
        string[] arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30", "-t", "600", "-c:v", "mpeg4", "-f", "null", "-"];

        var error = await Assert.ThrowsAsync<MediaToolException>(() => MediaProcess.RunAsync("ffmpeg", arguments, "busy.mp4", null, _ => { },
            new ProcessBudget(TimeSpan.FromSeconds(0.3), TimeSpan.FromMinutes(5)), CancellationToken.None));

        Assert.StartsWith("'ffmpeg' on busy.mp4 used more than 0.3 s of processor time (it ran ", error.Message, StringComparison.Ordinal);
        Assert.Contains("other media processes) and was stopped", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, MediaProcesses.Running);
    }

    [Fact]
    public async Task RunAsync_DoesNotCountTheWaitForAPlace_WhenTheLimitIsReached()
    {
        var limit = MediaProcesses.Limit;
        MediaProcesses.Limit = 1;
        try
        {
            // -re paces the input in real time: 3 s of wall time that uses almost no processor.
            var holder = MediaProcess.RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "color=size=16x16:rate=5", "-t", "3", "-f", "null", "-"],
                "slow.mp4", null, _ => { }, new ProcessBudget(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), CancellationToken.None);
            while (MediaProcesses.Running == 0 && !holder.IsCompleted)
            {
                await Task.Delay(10);
            }

            // Its wall budget (1 s) is shorter than the wait for the place: it must still run and succeed.
            var queued = MediaProcess.RunAsync("ffprobe", ["-hide_banner", "-version"], "quick.mp4", null, _ => { },
                new ProcessBudget(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)), CancellationToken.None);
            Assert.Equal(1, MediaProcesses.Waiting);

            Assert.Equal(0, await holder);
            Assert.Equal(0, await queued);
        }
        finally
        {
            MediaProcesses.Limit = limit;
        }
    }

    [Fact]
    public async Task RunAsync_LeavesTheQueue_WhenCancelledWhileWaiting()
    {
        var limit = MediaProcesses.Limit;
        MediaProcesses.Limit = 1;
        try
        {
            var holder = MediaProcess.RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "color=size=16x16:rate=5", "-t", "2", "-f", "null", "-"],
                "slow.mp4", null, _ => { }, new ProcessBudget(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), CancellationToken.None);
            while (MediaProcesses.Running == 0 && !holder.IsCompleted)
            {
                await Task.Delay(10);
            }
            using var cancel = new CancellationTokenSource();
            var queued = MediaProcess.RunAsync("ffprobe", ["-hide_banner", "-version"], "quick.mp4", null, _ => { },
                new ProcessBudget(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)), cancel.Token);
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
            Assert.Equal(0, MediaProcesses.Waiting);
            Assert.Equal(0, await holder);
            Assert.Equal(0, MediaProcesses.Running);
        }
        finally
        {
            MediaProcesses.Limit = limit;
        }
    }
}

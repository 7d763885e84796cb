using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;
using VideoLang.Model.Checkpoints;

namespace VideoLang.Jobs.Tests.Inference;

/// <summary>
/// The runner's lanes, driven deterministically: a background call holds the runner on a gate while the
/// test queues more calls behind it, so the order they run in and which ones give up do not depend on timing.
/// </summary>
public sealed class ModelRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-runner-").FullName;
    private readonly ModelRecord _model;

    public ModelRunnerTests()
    {
        var folder = TestModel.Save(_directory);
        _model = new ModelRecord
        {
            Id = Guid.NewGuid(),
            Name = "tiny",
            Path = folder,
            Checksum = File.ReadAllText(Path.Combine(folder, Checkpoint.ChecksumFile)).Trim(),
        };
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RunAsync_RunsAnInteractiveCallBeforeQueuedBackgroundCalls_WhenTheRunnerIsBusy()
    {
        using var runner = Runner(TimeSpan.FromMinutes(5));
        var order = new ConcurrentQueue<string>();
        using var gate = new Gate();
        var holding = runner.RunAsync(_model, m => gate.Hold(() => order.Enqueue("holding")));
        gate.WaitUntilHeld();

        var background = Enumerable.Range(1, 3)
            .Select(i => runner.RunAsync(_model, m => Record(order, $"background {i}"))).ToList();
        var interactive = runner.RunAsync(_model, m => Record(order, "interactive"), ModelCallPriority.Interactive);
        var later = runner.RunAsync(_model, m => Record(order, "interactive 2"), ModelCallPriority.Interactive);
        gate.Release();
        await Task.WhenAll([holding, interactive, later, .. background]);

        Assert.Equal(["holding", "interactive", "interactive 2", "background 1", "background 2", "background 3"], order);
    }

    [Fact]
    public async Task RunAsync_ThrowsModelBusyWithoutRunning_WhenAnInteractiveCallDoesNotStartWithinItsWait()
    {
        using var runner = Runner(TimeSpan.FromMilliseconds(200));
        var order = new ConcurrentQueue<string>();
        using var gate = new Gate();
        var holding = runner.RunAsync(_model, m => gate.Hold(() => order.Enqueue("holding")));
        gate.WaitUntilHeld();
        var background = runner.RunAsync(_model, m => Record(order, "background"));

        var busy = await Assert.ThrowsAsync<ModelBusyException>(() => runner.RunAsync(_model, m => Record(order, "interactive"), ModelCallPriority.Interactive));
        gate.Release();
        await Task.WhenAll(holding, background);
        // The runner is free again: the next interactive call runs.
        var size = await runner.RunAsync(_model, m => m.ImageSize, ModelCallPriority.Interactive);

        Assert.Contains("The model is busy", busy.Message, StringComparison.Ordinal);
        Assert.Contains("Worker:InteractiveModelWait", busy.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);
        // Background work has no wait bound: it queued before the interactive call and still ran.
        Assert.Equal(["holding", "background"], order);
        Assert.Equal(64, size);
    }

    [Fact]
    public async Task RunAsync_CancelsAQueuedCallWithoutRunningIt_WhenItsTokenIsCancelled()
    {
        using var runner = Runner(TimeSpan.FromMinutes(5));
        var order = new ConcurrentQueue<string>();
        using var gate = new Gate();
        var holding = runner.RunAsync(_model, m => gate.Hold(() => order.Enqueue("holding")));
        gate.WaitUntilHeld();
        using var cancel = new CancellationTokenSource();
        var queued = runner.RunAsync(_model, m => Record(order, "cancelled"), cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        gate.Release();
        await holding;
        await runner.RunAsync(_model, m => Record(order, "after"));

        Assert.Equal(["holding", "after"], order);
    }

    private static ModelRunner Runner(TimeSpan interactiveWait) =>
        new(Options.Create(new WorkerOptions { UseCuda = false, InteractiveModelWait = interactiveWait }), NullLogger<ModelRunner>.Instance);

    private static int Record(ConcurrentQueue<string> order, string name)
    {
        order.Enqueue(name);
        return order.Count;
    }

    /// <summary>Holds the runner's thread inside a call until the test releases it.</summary>
    private sealed class Gate : IDisposable
    {
        private readonly ManualResetEventSlim _held = new();
        private readonly ManualResetEventSlim _released = new();

        public int Hold(Action before)
        {
            before();
            _held.Set();
            // A test that fails before releasing must not leave the runner's thread stuck for ever.
            return _released.Wait(TimeSpan.FromMinutes(2)) ? 0 : throw new TimeoutException("The test never released the gate.");
        }

        public void WaitUntilHeld() => Assert.True(_held.Wait(TimeSpan.FromMinutes(2)), "The runner never started the holding call.");

        public void Release() => _released.Set();

        // Only releases: the runner's thread may still be returning from Wait, so the events stay undisposed.
        public void Dispose() => _released.Set();
    }
}

using System.Text.Json.Nodes;

namespace VideoLang.Bench.Model;

/// <summary>A timed piece of model work, built once and run step by step (interleaved with PyTorch's).</summary>
internal interface IWorkload : IDisposable
{
    /// <summary>The measurement's name, shared with the PyTorch side.</summary>
    string Name { get; }

    /// <summary>Fields printed beside the timing (shapes, settings).</summary>
    JsonObject Details { get; }

    /// <summary>Untimed steps before timing (allocator, oneDNN primitive caches, CUDA kernels); PyTorch gets as many.</summary>
    int Warmup { get; }

    /// <summary>One step; tensors it makes are freed before it returns.</summary>
    void Run();
}

using Microsoft.ML.OnnxRuntime;

namespace VideoLang.Model.Tests.Checkpoints.Registry;

/// <summary>
/// Runs the packages' ONNX graphs as published with ONNX Runtime, the independent reference: graph
/// optimisations off, so it computes each node as written rather than a fused rewrite.
/// </summary>
internal sealed class OnnxRuntimeReference : IDisposable
{
    private readonly SessionOptions _options = new() { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
    private readonly InferenceSession _session;

    public OnnxRuntimeReference(string path) => _session = new InferenceSession(path, _options);

    public OnnxRuntimeReference(byte[] model) => _session = new InferenceSession(model, _options);

    /// <summary>Runs the graph on named inputs; returns every output as (data, shape), in the graph's order.</summary>
    public IReadOnlyList<(float[] Data, long[] Shape)> Run(params (string Name, Array Data, long[] Shape)[] inputs)
    {
        var values = inputs.Select(i => i.Data switch
        {
            float[] f => OrtValue.CreateTensorValueFromMemory(f, i.Shape),
            long[] l => OrtValue.CreateTensorValueFromMemory(l, i.Shape),
            _ => throw new ArgumentException($"Input {i.Name}: only float and long arrays are used here.", nameof(inputs)),
        }).ToList();
        try
        {
            using var run = new RunOptions();
            using var outputs = _session.Run(run, inputs.Select(i => i.Name).ToArray(), values, _session.OutputNames);
            return outputs.Select(o => (o.GetTensorDataAsSpan<float>().ToArray(), o.GetTensorTypeAndShape().Shape)).ToList();
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}

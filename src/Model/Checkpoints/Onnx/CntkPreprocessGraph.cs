namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// Reads ML.NET's <c>ResNetPreprocess.onnx</c>: RGB 0–255 in, split into channels, concatenated
/// back as BGR, minus a (1, 3, H, W) mean image. Every step is checked, because VideoLang redoes it
/// from the checkpoint's config (<see cref="Configuration.PixelNormalization.CntkMeanImage"/>) and
/// a different graph would need a different config.
/// </summary>
internal static class CntkPreprocessGraph
{
    /// <summary>The mean image, (1, 3, H, W), in BGR order.</summary>
    public static OnnxInitializer MeanImage(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ops = string.Join(",", graph.Nodes.Select(n => n.OpType));
        if (ops != "Split,Concat,Sub" || graph.Inputs.Count != 1)
        {
            throw Error(graph, $"runs [{ops}] on {graph.Inputs.Count} inputs instead of [Split,Concat,Sub] on the image");
        }
        var (split, concat, sub) = (graph.Nodes[0], graph.Nodes[1], graph.Nodes[2]);
        if (split.Inputs[0] != graph.Inputs[0] || split.Int("axis", 0) != 1 || split.Outputs.Count != 3)
        {
            throw Error(graph, "does not split the image input into its three channels");
        }
        if (concat.Int("axis", 0) != 1 || !concat.Inputs.SequenceEqual(split.Outputs.Reverse()))
        {
            throw Error(graph, "does not reverse the channels (RGB to BGR)");
        }
        if (sub.Inputs.Count != 2 || sub.Inputs[0] != concat.Outputs[0])
        {
            throw Error(graph, "does not subtract from the reordered image");
        }
        var mean = graph.Initializer(sub.Inputs[1], sub);
        if (mean.Dims is not [1, 3, var h, var w] || h != w)
        {
            throw Error(graph, $"subtracts a {mean.Shape} constant instead of a (1, 3, S, S) mean image");
        }
        return mean;
    }

    private static WeightImportException Error(OnnxGraph graph, string what) =>
        new($"{graph.Path} {what}. It is not ML.NET's ResNet preprocessing.");
}

using System.Globalization;

namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// Recognises the ResNet in a CNTK-exported ONNX graph (ML.NET's <c>ResNet18.onnx</c>), whose
/// initializer names (<c>Parameter91</c>) say nothing, by its structure: the stem is the convolution
/// reading the graph input and the batch norm after it; every residual <c>Add</c> is one basic block,
/// whose 3×3 branch (conv, BN, ReLU, conv, BN) and, where the shape changes, 1×1 shortcut (conv, BN)
/// are followed back from the Add. Stage and block come from the branch's width and order, so the names
/// are torchvision's (<c>layer4.2.conv1.weight</c>). Strides, begin padding and epsilon are checked
/// against what <see cref="Vision.ResNet"/> computes.
/// </summary>
internal static class CntkResNetGraph
{
    private const double BatchNormEpsilon = 1e-5;

    /// <summary>The blocks per stage and every tensor, torchvision-named (without a prefix).</summary>
    public static (int[] Blocks, IReadOnlyList<OnnxTensorMapping> Tensors) Map(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Inputs.Count != 1)
        {
            throw Error(graph, $"has {graph.Inputs.Count} inputs; a ResNet has one (the image)");
        }
        var stem = graph.Consuming(graph.Inputs[0]).SingleOrDefault(n => n.OpType == "Conv")
            ?? throw Error(graph, "has no convolution reading the image input");
        var stemWeight = ConvWeight(graph, stem, kernel: 7, stride: 2, pad: 3);
        var tensors = new List<OnnxTensorMapping> { new("conv1.weight", stemWeight, Role(stemWeight, "stem convolution")) };
        tensors.AddRange(BatchNorm(graph, Next(graph, stem, "BatchNormalization"), "bn1", "stem"));

        var width = stemWeight.Dims[0];
        var blocks = new int[4];
        foreach (var add in graph.Nodes.Where(n => n.OpType == "Add"))
        {
            var (branch, shortcut) = BlockInputs(graph, add);
            var bn2 = branch;
            var conv2 = Previous(graph, bn2, "Conv");
            var conv1 = Previous(graph, Previous(graph, Previous(graph, conv2, "Relu"), "BatchNormalization"), "Conv");
            var bn1 = Next(graph, conv1, "BatchNormalization");
            var channels = Weight(graph, conv1).Dims[0];
            var stage = StageOf(graph, channels, width);
            var prefix = $"layer{stage + 1}.{blocks[stage]++}";
            var stride = blocks[stage] == 1 && stage > 0 ? 2 : 1;
            var where = string.Create(CultureInfo.InvariantCulture, $"block {prefix} (residual Add '{add.Name}')");
            var w1 = ConvWeight(graph, conv1, kernel: 3, stride, pad: 1);
            tensors.Add(new($"{prefix}.conv1.weight", w1, Role(w1, $"{where}, first 3×3 convolution")));
            tensors.AddRange(BatchNorm(graph, bn1, $"{prefix}.bn1", where));
            var w2 = ConvWeight(graph, conv2, kernel: 3, stride: 1, pad: 1);
            tensors.Add(new($"{prefix}.conv2.weight", w2, Role(w2, $"{where}, second 3×3 convolution")));
            tensors.AddRange(BatchNorm(graph, bn2, $"{prefix}.bn2", where));
            if (shortcut is not null)
            {
                var downsample = Previous(graph, shortcut, "Conv");
                var wd = ConvWeight(graph, downsample, kernel: 1, stride, pad: 0);
                tensors.Add(new($"{prefix}.downsample.0.weight", wd, Role(wd, $"{where}, 1×1 shortcut convolution")));
                tensors.AddRange(BatchNorm(graph, shortcut, $"{prefix}.downsample.1", where + " shortcut"));
            }
            else if (stride != 1)
            {
                throw Error(graph, $"changes the resolution in {where} without a shortcut convolution; torchvision's ResNet has one there");
            }
        }
        if (blocks[0] == 0 || blocks.SkipWhile(b => b > 0).Any(b => b > 0))
        {
            throw Error(graph, $"has [{string.Join(", ", blocks)}] residual blocks per stage; a ResNet has at least one in every stage");
        }
        if (!graph.Nodes.Any(n => n.OpType == "MaxPool") || graph.Nodes.Count(n => n.OpType == "Conv") != tensors.Count(t => t.Target.EndsWith("conv1.weight", StringComparison.Ordinal) || t.Target.EndsWith("conv2.weight", StringComparison.Ordinal) || t.Target.EndsWith("downsample.0.weight", StringComparison.Ordinal)))
        {
            throw Error(graph, "has convolutions outside the stem and the residual blocks, or no max-pool after the stem: it is not a plain ResNet");
        }
        return (blocks, tensors);
    }

    /// <summary>(the branch's last batch norm, the shortcut's batch norm or null for identity) of a residual Add.</summary>
    private static (OnnxNode Branch, OnnxNode? Shortcut) BlockInputs(OnnxGraph graph, OnnxNode add)
    {
        if (add.Inputs.Count != 2)
        {
            throw Error(graph, $"has an Add '{add.Name}' with {add.Inputs.Count} inputs; a residual Add has two");
        }
        var producers = add.Inputs.Select(graph.Producing).ToArray();
        bool IsBatchNormOfConv(OnnxNode? n, long kernel) =>
            n?.OpType == "BatchNormalization" && graph.Producing(n.Inputs[0]) is { OpType: "Conv" } conv
            && graph.Initializers.TryGetValue(conv.Inputs[1], out var w) && w.Dims.Length == 4 && w.Dims[2] == kernel;
        var branch = Array.FindIndex(producers, p => IsBatchNormOfConv(p, 3));
        if (branch < 0)
        {
            throw Error(graph, $"has an Add '{add.Name}' neither of whose inputs comes from a 3×3 convolution and batch norm; it is not a basic block");
        }
        var other = producers[1 - branch];
        return (producers[branch]!, IsBatchNormOfConv(other, 1) ? other : null);
    }

    private static int StageOf(OnnxGraph graph, long channels, long width)
    {
        for (var stage = 0; stage < 4; stage++)
        {
            if (channels == width << stage)
            {
                return stage;
            }
        }
        throw Error(graph, $"has a block of {channels} channels; with a {width}-channel stem the stages have {width}, {width * 2}, {width * 4} and {width * 8}");
    }

    private static IEnumerable<OnnxTensorMapping> BatchNorm(OnnxGraph graph, OnnxNode node, string prefix, string where)
    {
        if (node.Inputs.Count != 5)
        {
            throw Error(graph, $"has a BatchNormalization '{node.Name}' with {node.Inputs.Count} inputs instead of 5 (x, scale, bias, mean, variance)");
        }
        var epsilon = node.Float("epsilon", 1e-5f);
        if (Math.Abs(epsilon - BatchNormEpsilon) > 1e-7)
        {
            throw Error(graph, $"uses epsilon {epsilon} in BatchNormalization '{node.Name}'; VideoLang's batch norm uses {BatchNormEpsilon}");
        }
        string[] names = ["weight", "bias", "running_mean", "running_var"];
        string[] roles = ["scale", "bias", "running mean", "running variance"];
        for (var i = 0; i < 4; i++)
        {
            var tensor = graph.Initializer(node.Inputs[i + 1], node);
            yield return new($"{prefix}.{names[i]}", tensor, Role(tensor, $"{where}, batch norm {roles[i]}"));
        }
    }

    private static OnnxInitializer ConvWeight(OnnxGraph graph, OnnxNode conv, long kernel, long stride, long pad)
    {
        var weight = Weight(graph, conv);
        if (conv.Inputs.Count > 2)
        {
            throw Error(graph, $"gives Conv '{conv.Name}' a bias; torchvision's ResNet convolutions have none");
        }
        var strides = conv.Ints("strides", [1, 1]);
        var pads = conv.Ints("pads", [0, 0, 0, 0]);
        // CNTK pads only as much at the end as the last window needs ([3,3,2,2] for the stem); PyTorch pads both
        // sides equally. Windows start at the same place, so the two agree whenever every stage's input is even.
        if (weight.Dims[2] != kernel || weight.Dims[3] != kernel || strides.Any(s => s != stride) || pads.Length != 4 || pads[0] != pad || pads[1] != pad
            || pads[2] > pad || pads[3] > pad || conv.Int("group", 1) != 1)
        {
            throw Error(graph, $"has Conv '{conv.Name}' with a {weight.Dims[2]}×{weight.Dims[3]} kernel, strides [{string.Join(", ", strides)}] and pads " +
                $"[{string.Join(", ", pads)}] where torchvision's ResNet has {kernel}×{kernel}, stride {stride}, padding {pad}");
        }
        return weight;
    }

    private static OnnxInitializer Weight(OnnxGraph graph, OnnxNode conv)
    {
        var weight = graph.Initializer(conv.Inputs.ElementAtOrDefault(1) ?? "", conv);
        if (weight.Dims.Length != 4)
        {
            throw Error(graph, $"has Conv '{conv.Name}' with a {weight.Dims.Length}-d weight {weight.Shape}; a 2-d convolution's is 4-d");
        }
        return weight;
    }

    private static OnnxNode Previous(OnnxGraph graph, OnnxNode node, string opType) =>
        graph.Producing(node.Inputs[0]) is { } p && p.OpType == opType
            ? p
            : throw Error(graph, $"feeds {node.OpType} '{node.Name}' from something other than a {opType}; it is not a basic block");

    private static OnnxNode Next(OnnxGraph graph, OnnxNode node, string opType) =>
        graph.Consuming(node.Outputs[0]).FirstOrDefault(n => n.OpType == opType)
        ?? throw Error(graph, $"has no {opType} after {node.OpType} '{node.Name}'");

    private static string Role(OnnxInitializer tensor, string role) => $"{tensor.Name} {tensor.Shape} ({role})";

    private static WeightImportException Error(OnnxGraph graph, string what) =>
        new($"{graph.Path} ({graph.Producer}) {what}. It is not the CNTK ResNet export this importer reads.");
}

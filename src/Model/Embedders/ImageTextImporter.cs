using VideoLang.Model.Checkpoints;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Embedders;

/// <summary>
/// Imports a published CLIP-family model folder (HuggingFace CLIP, HuggingFace SigLIP or open_clip,
/// detected from its files) into a VideoLang embedder checkpoint (<see cref="ImageTextCheckpoint"/>).
/// Every tensor is checked by name and shape against the model the config makes before anything is
/// written; a missing, unexpected or mis-shaped tensor refuses the import with all of them listed.
/// Tensors are copied one at a time out of the weights file.
/// </summary>
public static class ImageTextImporter
{
    /// <summary>Reads the folder's config and weights header and reports how every tensor fits, writing nothing.</summary>
    /// <exception cref="ImageTextImportException">The folder is not a recognised format, its config is wrong or unsupported, or its weights file is unreadable.</exception>
    public static ImageTextImportReport Inspect(string sourceDirectory)
    {
        var source = ImageTextSource.Open(sourceDirectory);
        using var weights = OpenWeights(source.WeightsPath);
        using var model = new ImageTextModel(source.Config);
        return Plan(source, weights, model.StateDict());
    }

    /// <summary>
    /// Writes the checkpoint into <paramref name="outputDirectory"/>, which must be new or empty, and
    /// reports where every tensor went. The folder appears whole or not at all.
    /// </summary>
    /// <exception cref="ImageTextImportException">As <see cref="Inspect"/>, or the tensors do not fit (nothing is written).</exception>
    public static ImageTextImportReport Import(string sourceDirectory, string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            throw new ArgumentException(
                $"{outputDirectory} already holds files; import into a new or empty folder so that no model is overwritten.", nameof(outputDirectory));
        }
        var source = ImageTextSource.Open(sourceDirectory);
        using var weights = OpenWeights(source.WeightsPath);
        using var model = new ImageTextModel(source.Config);
        var state = model.StateDict();
        var report = Plan(source, weights, state);
        if (!report.IsExact)
        {
            throw new ImageTextImportException(Refusal(report), report);
        }
        CopyInto(weights, report.Loaded, state);
        model.Eval();
        WriteWhole(outputDirectory, staging => ImageTextCheckpoint.Save(staging, model, source.TokenizerFiles));
        return report with { OutputDirectory = outputDirectory };
    }

    private static ITensorFile OpenWeights(string path)
    {
        try
        {
            return TensorFiles.Open(path);
        }
        catch (Exception e) when (e is TensorFileException or InvalidDataException or IOException or NotSupportedException)
        {
            throw new ImageTextImportException($"{path} is not a readable weights file (truncated or corrupt?): {e.Message}", e);
        }
    }

    private static ImageTextImportReport Plan(ImageTextSource source, ITensorFile weights, IReadOnlyDictionary<string, Tensor> state)
    {
        var loaded = new List<ImportedTensor>();
        var unexpected = new List<string>();
        var ignored = new List<string>();
        var mismatches = new List<ShapeMismatch>();
        var conversions = new SortedSet<string>(StringComparer.Ordinal);
        var filledBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in weights.Names.Order(StringComparer.Ordinal))
        {
            if (PublishedImageTextNames.IsIgnored(source.Format, name))
            {
                ignored.Add(name);
                continue;
            }
            var routes = PublishedImageTextNames.Routes(source.Format, name);
            if (routes.Count == 0 || routes.Any(r => !state.ContainsKey(r.Target)))
            {
                unexpected.Add(name);
                continue;
            }
            var info = weights.Info(name);
            foreach (var route in routes)
            {
                var target = state[route.Target];
                if (!filledBy.TryAdd(route.Target, name))
                {
                    throw new ImageTextImportException(
                        $"{weights.Path} holds both '{filledBy[route.Target]}' and '{name}', which are the same model tensor {route.Target}; remove one of them.");
                }
                var shape = Transformed(info.Shape, route.Transform);
                if (shape is null || !shape.SequenceEqual(target.Shape))
                {
                    mismatches.Add(new ShapeMismatch(name, route.Target, target.Shape, shape ?? info.Shape));
                    continue;
                }
                loaded.Add(route);
                if (info.Dtype != target.Dtype)
                {
                    conversions.Add($"{info.Dtype} to {target.Dtype}");
                }
            }
        }
        var missing = state.Keys.Where(k => !filledBy.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var notes = conversions.Select(c => $"tensors converted from {c}").ToList();
        return new ImageTextImportReport(source.Directory, source.Format, source.ConfigPath, weights.Path, source.Config,
            loaded, missing, unexpected, ignored, mismatches, source.TokenizerFiles, notes);
    }

    /// <summary>The shape a published tensor has once transformed; null when the transform cannot apply to it.</summary>
    private static long[]? Transformed(long[] shape, TensorTransform transform) => transform switch
    {
        TensorTransform.None => shape,
        TensorTransform.Transpose => shape.Length == 2 ? [shape[1], shape[0]] : null,
        _ => shape.Length >= 1 && shape[0] % 3 == 0 ? [shape[0] / 3, .. shape[1..]] : null,
    };

    private static void CopyInto(ITensorFile weights, IReadOnlyList<ImportedTensor> loaded, IReadOnlyDictionary<string, Tensor> state)
    {
        using var noGrad = GradMode.NoGrad();
        foreach (var route in loaded)
        {
            using var scope = new DisposeScope();
            Tensor source;
            try
            {
                source = weights.Load(route.Source);
            }
            catch (Exception e) when (e is TensorFileException or InvalidDataException or IOException)
            {
                throw new ImageTextImportException($"{weights.Path}: tensor '{route.Source}' could not be read: {e.Message}", e);
            }
            var value = route.Transform switch
            {
                TensorTransform.None => source,
                TensorTransform.Transpose => source.T(),
                TensorTransform.QueryPart => source.Chunk(3)[0],
                TensorTransform.KeyPart => source.Chunk(3)[1],
                _ => source.Chunk(3)[2],
            };
            state[route.Target].Copy_(value);
        }
    }

    /// <summary>Writes into a staging folder beside the target and moves it into place, so a failure leaves no partial checkpoint.</summary>
    private static void WriteWhole(string outputDirectory, Action<string> write)
    {
        var target = Path.GetFullPath(outputDirectory);
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(target)) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(Path.TrimEndingDirectorySeparator(target))}.importing-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            if (Directory.Exists(target))
            {
                Directory.Delete(target); // empty, checked above
            }
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static string Refusal(ImageTextImportReport report)
    {
        var parts = new List<string>();
        if (report.Mismatches.Count > 0)
        {
            parts.Add($"{report.Mismatches.Count} tensors do not have the shape {report.ConfigPath} makes: {string.Join("; ", report.Mismatches)}");
        }
        if (report.Missing.Count > 0)
        {
            parts.Add($"{report.Missing.Count} model tensors are missing from the file: {string.Join(", ", report.Missing)}");
        }
        if (report.Unexpected.Count > 0)
        {
            parts.Add($"{report.Unexpected.Count} tensors of the file fit no model tensor (another architecture, or an option VideoLang does not implement): {string.Join(", ", report.Unexpected)}");
        }
        return $"{report.WeightsPath} does not fit {report.ConfigPath}; nothing was written. {string.Join(". ", parts)}. Check that the weights and the config belong together.";
    }
}

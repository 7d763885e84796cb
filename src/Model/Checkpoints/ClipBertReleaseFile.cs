using VideoLang.Torch;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// One of ClipBERT's released files, opened through <see cref="ITensorFile"/> (safetensors or a PyTorch
/// pickle) and recognised by its names. A reader may keep a wrapper around the names (detectron2's
/// <c>{"model": ...}</c> flattened to <c>model.</c>, DDP's <c>module.</c>): the prefix in front of the stem
/// is stripped from every name, and names outside it are reported as unexpected.
/// </summary>
internal sealed class ClipBertReleaseFile : IDisposable
{
    private readonly ITensorFile _file;

    private ClipBertReleaseFile(ITensorFile file, ClipBertReleaseLayout layout, string prefix, Dictionary<string, TensorInfo> tensors, List<string> outside)
    {
        (_file, Layout, Prefix, Tensors, Outside) = (file, layout, prefix, tensors, outside);
    }

    public string Path => _file.Path;

    public ClipBertReleaseLayout Layout { get; }

    /// <summary>The wrapper in front of ClipBERT's names, usually empty.</summary>
    public string Prefix { get; }

    /// <summary>The file's tensors by their name without <see cref="Prefix"/>; each info keeps the file's own name.</summary>
    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    /// <summary>The file's names outside <see cref="Prefix"/>, ordinal order.</summary>
    public IReadOnlyList<string> Outside { get; }

    public static ClipBertReleaseFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The ClipBERT weights file {path} does not exist; pass clipbert_image_text_pretrained.pt or grid_feat_R-50.pth (or a safetensors copy).", path);
        }
        ITensorFile file;
        try
        {
            file = TensorFiles.Open(path);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or FileNotFoundException))
        {
            // Any reader's refusal (not safetensors, a pickle with a foreign global, a truncated zip) becomes one error naming the file.
            throw new WeightImportException($"{path} could not be read as a file of tensors: {e.Message}", e);
        }
        try
        {
            var (layout, prefix) = Detect(path, file.Names);
            var tensors = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
            var outside = new List<string>();
            foreach (var name in file.Names.Order(StringComparer.Ordinal))
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    tensors[name[prefix.Length..]] = file.Info(name);
                }
                else
                {
                    outside.Add(name);
                }
            }
            return new ClipBertReleaseFile(file, layout, prefix, tensors, outside);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads one tensor by the file's own name (<see cref="TensorInfo.Name"/>, prefix included).</summary>
    public Tensor Load(string fileName) => _file.Load(fileName);

    public void Dispose() => _file.Dispose();

    private static (ClipBertReleaseLayout Layout, string Prefix) Detect(string path, IReadOnlyCollection<string> names)
    {
        foreach (var (layout, stem) in new[]
        {
            (ClipBertReleaseLayout.EndToEnd, ClipBertReleaseNames.EndToEndStem),
            (ClipBertReleaseLayout.GridFeatures, ClipBertReleaseNames.GridFeaturesStem),
        })
        {
            var prefixes = names.Where(n => n.EndsWith(stem, StringComparison.Ordinal) && (n.Length == stem.Length || n[^(stem.Length + 1)] == '.'))
                .Select(n => n[..^stem.Length])
                .Order(StringComparer.Ordinal)
                .ToList();
            if (prefixes.Count > 1)
            {
                throw new WeightImportException(
                    $"{path} holds {prefixes.Count} models ({string.Join(", ", prefixes.Select(p => $"'{p}{stem}'"))}); save the one to import on its own.");
            }
            if (prefixes.Count == 1)
            {
                return (layout, prefixes[0]);
            }
        }
        var examples = string.Join(", ", names.Order(StringComparer.Ordinal).Take(5).Select(n => $"'{n}'"));
        throw new WeightImportException(
            $"{path} is not one of ClipBERT's released files: it has neither '{ClipBertReleaseNames.EndToEndStem}' (clipbert_image_text_pretrained.pt) " +
            $"nor '{ClipBertReleaseNames.GridFeaturesStem}' (grid_feat_R-50.pth, detectron2 names). Its {names.Count} tensors include {examples}. " +
            "A HuggingFace BERT or a torchvision ResNet imports with `vlang import-weights`; a VideoLang checkpoint folder loads as it is.");
    }
}

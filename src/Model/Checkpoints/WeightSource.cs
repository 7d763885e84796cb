using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// One opened file of published weights (safetensors, or a PyTorch .bin/.pt/.pth read without
/// executing its pickle), its names translated to the model's. Only names, dtypes and shapes are
/// read up front; <see cref="CopyInto"/> copies tensor by tensor out of the memory-mapped file, so an
/// import holds the model plus one source tensor at a time.
/// </summary>
internal sealed class WeightSource : IDisposable
{
    private readonly ITensorFile _file;

    private WeightSource(WeightSourceKind kind, ITensorFile file, Dictionary<string, TensorInfo> tensors, List<string> ignored)
    {
        (Kind, _file, Tensors, Ignored) = (kind, file, tensors, ignored);
    }

    public WeightSourceKind Kind { get; }

    public string Path => _file.Path;

    /// <summary>The model part this file fills: <c>bert.</c> or <c>cnn.backbone.</c>.</summary>
    public string Prefix => Kind == WeightSourceKind.Bert ? "bert." : "cnn.backbone.";

    /// <summary>The file's tensors keyed by their name inside the part (no <see cref="Prefix"/>); each entry keeps the file's name.</summary>
    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    /// <summary>Known extras of published files, ordinal order.</summary>
    public IReadOnlyList<string> Ignored { get; }

    public static WeightSource Open(string path, WeightSourceKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The {kind} weights file {path} does not exist; pass the path of its .safetensors file or of the .bin/.pt/.pth file torch.save wrote.", path);
        }
        ITensorFile file;
        try
        {
            file = TensorFiles.Open(path);
        }
        catch (TensorFileException e)
        {
            var reason = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            throw new WeightImportException($"{path} is not a usable file of {kind} weights: {reason}", e);
        }
        try
        {
            var tensors = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
            var ignored = new List<string>();
            foreach (var entry in file.Names.Order(StringComparer.Ordinal).Select(file.Info))
            {
                if (PublishedNames.ToModelName(kind, entry.Name) is not { } name)
                {
                    ignored.Add(entry.Name);
                }
                else if (!tensors.TryAdd(name, entry))
                {
                    throw new WeightImportException(
                        $"{path} holds both '{tensors[name].Name}' and '{entry.Name}', which are the same model tensor; remove one of them from the file.");
                }
            }
            return new WeightSource(kind, file, tensors, ignored);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Matches the file against the model's state dict by name and shape, reading no tensor data.</summary>
    public SourcePlan Plan(IReadOnlyDictionary<string, Tensor> state)
    {
        var loaded = new List<TensorMapping>();
        var unexpected = new List<string>();
        var mismatches = new List<ShapeMismatch>();
        var conversions = new List<(ScalarType From, ScalarType To)>();
        foreach (var (name, entry) in Tensors.OrderBy(t => t.Value.Name, StringComparer.Ordinal))
        {
            var target = Prefix + name;
            if (!state.TryGetValue(target, out var tensor))
            {
                unexpected.Add(entry.Name);
            }
            else if (!tensor.Shape.SequenceEqual(entry.Shape))
            {
                mismatches.Add(new ShapeMismatch(entry.Name, target, tensor.Shape, entry.Shape));
            }
            else
            {
                loaded.Add(new TensorMapping(entry.Name, target));
                if (entry.Dtype != tensor.Dtype)
                {
                    conversions.Add((entry.Dtype, tensor.Dtype));
                }
            }
        }
        var covered = loaded.Select(m => m.Target).Concat(mismatches.Select(m => m.Target)).ToHashSet(StringComparer.Ordinal);
        var missing = state.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal) && !covered.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var notes = conversions.GroupBy(c => c)
            .Select(g => $"{Path}: {g.Count()} tensors converted from {g.Key.From} to the model's {g.Key.To}")
            .ToList();
        if (_file is PickledTensorFile { StateDictKey: { } key } pickled)
        {
            notes.Add($"{Path}: tensors taken from its '{key}' dict; not read: {string.Join(", ", pickled.Ignored.Take(20))}{(pickled.Ignored.Count > 20 ? ", ..." : "")}");
        }
        return new SourcePlan(new SourceReport(Path, Kind, loaded, missing, unexpected, Ignored), mismatches, notes);
    }

    /// <summary>Copies the planned tensors into the model, one at a time.</summary>
    public void CopyInto(SourceReport report, IReadOnlyDictionary<string, Tensor> state)
    {
        using var noGrad = GradMode.NoGrad();
        foreach (var mapping in report.Loaded)
        {
            using var source = _file.Load(mapping.Source);
            state[mapping.Target].Copy_(source);
        }
    }

    public void Dispose() => _file.Dispose();
}

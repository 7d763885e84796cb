using VideoLang.Torch;
using VideoLang.Torch.Autograd;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// How a ClipBERT release fills our model, decided from names and shapes before any tensor is read:
/// what is copied, derived, ignored, unexpected or missing, and which shapes do not fit. <see cref="Apply"/>
/// then reads one source tensor at a time.
/// </summary>
internal sealed class ClipBertReleasePlan
{
    private readonly List<TensorMapping> _loaded = [];
    private readonly List<DerivedTensor> _derived = [];
    private readonly List<IgnoredTensor> _ignored = [];
    private readonly List<string> _unexpected = [];
    private readonly List<ShapeMismatch> _mismatches = [];
    private readonly SortedSet<string> _conversions = new(StringComparer.Ordinal);
    private TensorMapping? _stem;
    private (string Weight, string Bias)? _itm;

    public IReadOnlyList<TensorMapping> Loaded => _loaded;

    public IReadOnlyList<DerivedTensor> Derived => _derived;

    public IReadOnlyList<IgnoredTensor> Ignored => _ignored;

    public IReadOnlyList<string> Unexpected => _unexpected;

    public IReadOnlyList<ShapeMismatch> Mismatches => _mismatches;

    public IReadOnlyList<string> Missing { get; private set; } = [];

    public IReadOnlyList<string> Fresh { get; private set; } = [];

    public IReadOnlyList<string> Notes => _conversions.ToList();

    public static ClipBertReleasePlan Build(ClipBertReleaseFile file, IReadOnlyDictionary<string, Tensor> state)
    {
        var plan = new ClipBertReleasePlan();
        plan._unexpected.AddRange(file.Outside);
        foreach (var (name, info) in file.Tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (ClipBertReleaseNames.IgnoredBecause(file.Layout, name) is { } reason)
            {
                plan._ignored.Add(new IgnoredTensor(info.Name, reason));
            }
            else if (file.Layout == ClipBertReleaseLayout.EndToEnd && name is ClipBertReleaseNames.ItmWeight or ClipBertReleaseNames.ItmBias)
            {
                continue; // planned below, as a pair
            }
            else if (ClipBertReleaseNames.Target(file.Layout, name) is { } target && state.TryGetValue(target, out var tensor))
            {
                plan.AddCopy(file.Path, info.Name, target, tensor, info.Shape, info.Dtype);
            }
            else
            {
                plan._unexpected.Add(info.Name);
            }
        }
        if (file.Layout == ClipBertReleaseLayout.EndToEnd)
        {
            plan.PlanItm(file, state);
        }
        plan.PlanConstants(state);
        plan.PlanCoverage(file.Layout, state);
        plan._unexpected.Sort(StringComparer.Ordinal);
        return plan;
    }

    /// <summary>Copies and derives every planned tensor into the model.</summary>
    public void Apply(ClipBertReleaseFile file, IReadOnlyDictionary<string, Tensor> state)
    {
        using var noGrad = GradMode.NoGrad();
        foreach (var mapping in _loaded)
        {
            using var source = file.Load(mapping.Source);
            state[mapping.Target].Copy_(source);
        }
        if (_stem is { } stem)
        {
            using var scope = new DisposeScope();
            state[stem.Target].Copy_(ClipBertReleaseDerivations.FoldCaffeInput(file.Load(stem.Source)));
        }
        if (_itm is var (weight, bias))
        {
            using var scope = new DisposeScope();
            var (w0, b0, w2, b2) = ClipBertReleaseDerivations.ItmAsMlp(file.Load(weight), file.Load(bias));
            state["itm_head.mlp.0.weight"].Copy_(w0);
            state["itm_head.mlp.0.bias"].Copy_(b0);
            state["itm_head.mlp.2.weight"].Copy_(w2);
            state["itm_head.mlp.2.bias"].Copy_(b2);
        }
        foreach (var constant in _derived.Where(d => d.How is ClipBertReleaseDerivations.GridBiasHow or ClipBertReleaseDerivations.BatchCounterHow))
        {
            state[constant.Target].Zero_();
        }
    }

    private void AddCopy(string path, string source, string target, Tensor tensor, long[] shape, ScalarType dtype)
    {
        if (!tensor.Shape.SequenceEqual(shape))
        {
            _mismatches.Add(new ShapeMismatch(source, target, tensor.Shape, shape));
            return;
        }
        if (dtype != tensor.Dtype)
        {
            _conversions.Add($"{path}: tensors stored as {dtype} (as apex amp O2 trains and saves them) are converted to the model's {tensor.Dtype}");
        }
        if (target == ClipBertReleaseNames.OurStem)
        {
            _stem = new TensorMapping(source, target);
            _derived.Add(new DerivedTensor(target, [source], ClipBertReleaseDerivations.StemHow));
        }
        else
        {
            _loaded.Add(new TensorMapping(source, target));
        }
    }

    private void PlanItm(ClipBertReleaseFile file, IReadOnlyDictionary<string, Tensor> state)
    {
        var hasWeight = file.Tensors.TryGetValue(ClipBertReleaseNames.ItmWeight, out var weight);
        var hasBias = file.Tensors.TryGetValue(ClipBertReleaseNames.ItmBias, out var bias);
        if (!hasWeight || !hasBias)
        {
            // Half a head cannot be used; the other half is then not used either.
            _unexpected.AddRange(new[] { weight?.Name, bias?.Name }.OfType<string>());
            return;
        }
        var hidden = state["itm_head.mlp.0.weight"].Size(1);
        var before = _mismatches.Count;
        if (!weight!.Shape.SequenceEqual([2L, hidden]))
        {
            _mismatches.Add(new ShapeMismatch(weight.Name, "itm_head.mlp.2.weight", [2, hidden], weight.Shape));
        }
        if (!bias!.Shape.SequenceEqual([2L]))
        {
            _mismatches.Add(new ShapeMismatch(bias.Name, "itm_head.mlp.2.bias", [2], bias.Shape));
        }
        if (_mismatches.Count > before)
        {
            return;
        }
        _itm = (weight.Name, bias.Name);
        foreach (var target in new[] { "itm_head.mlp.0.weight", "itm_head.mlp.0.bias", "itm_head.mlp.2.weight", "itm_head.mlp.2.bias" })
        {
            _derived.Add(new DerivedTensor(target, [weight.Name, bias.Name], ClipBertReleaseDerivations.ItmHow));
        }
    }

    /// <summary>The grid conv's bias and the batch-norm counters the release has no tensor for, where the tensors beside them were loaded.</summary>
    private void PlanConstants(IReadOnlyDictionary<string, Tensor> state)
    {
        var loaded = _loaded.ToDictionary(m => m.Target, m => m.Source, StringComparer.Ordinal);
        if (loaded.TryGetValue(ClipBertReleaseNames.OurGridWeight, out var grid) && state.ContainsKey(ClipBertReleaseNames.OurGridBias))
        {
            _derived.Add(new DerivedTensor(ClipBertReleaseNames.OurGridBias, [grid], ClipBertReleaseDerivations.GridBiasHow));
        }
        foreach (var counter in state.Keys.Where(k => k.StartsWith("cnn.backbone.", StringComparison.Ordinal) && k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)))
        {
            var mean = counter[..^"num_batches_tracked".Length] + "running_mean";
            if (!loaded.ContainsKey(counter) && loaded.TryGetValue(mean, out var source))
            {
                _derived.Add(new DerivedTensor(counter, [source], ClipBertReleaseDerivations.BatchCounterHow));
            }
        }
        _derived.Sort((a, b) => string.CompareOrdinal(a.Target, b.Target));
    }

    /// <summary>Missing: tensors of the parts this layout fills that nothing covers; fresh: the rest of the model.</summary>
    private void PlanCoverage(ClipBertReleaseLayout layout, IReadOnlyDictionary<string, Tensor> state)
    {
        string[] parts = layout == ClipBertReleaseLayout.EndToEnd ? ["cnn.", "visual_embeddings.", "bert.", "itm_head."] : ["cnn.backbone."];
        var covered = _loaded.Select(m => m.Target).Concat(_derived.Select(d => d.Target)).Concat(_mismatches.Select(m => m.Target))
            .ToHashSet(StringComparer.Ordinal);
        var uncovered = state.Keys.Where(k => !covered.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Missing = uncovered.Where(k => parts.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList();
        Fresh = uncovered.Except(Missing, StringComparer.Ordinal).ToList();
    }
}

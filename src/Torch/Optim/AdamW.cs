using VideoLang.Torch.Autograd;

namespace VideoLang.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter), as <c>torch.optim.AdamW</c> without
/// amsgrad. Each group is updated with a handful of <c>_foreach_</c> kernels rather than seven ops
/// per parameter. Moments are created on the first step that sees a gradient and are saved and
/// restored through <see cref="StateDict"/>.
/// </summary>
public sealed class AdamW : IDisposable
{
    private static readonly LazyOp s_mul = new("_foreach_mul_", "Scalar");
    private static readonly LazyOp s_addList = new("_foreach_add_", "List");
    private static readonly LazyOp s_addScalar = new("_foreach_add_", "Scalar");
    private static readonly LazyOp s_addcmul = new("_foreach_addcmul_", "Scalar");
    private static readonly LazyOp s_addcdiv = new("_foreach_addcdiv_", "Scalar");
    private static readonly LazyOp s_div = new("_foreach_div_", "Scalar");
    private static readonly LazyOp s_sqrt = new("_foreach_sqrt");

    private readonly Dictionary<Tensor, (Tensor ExpAvg, Tensor ExpAvgSq)> _moments = new(ReferenceEqualityComparer.Instance);
    private Tensor? _stepTensor;

    public AdamW(IEnumerable<ParameterGroup> groups, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        Groups = groups.ToArray();
        if (Groups.Count == 0)
        {
            throw new ArgumentException("AdamW needs at least one parameter group.", nameof(groups));
        }
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Betas must lie in [0, 1); got ({beta1}, {beta2}).");
        }
        (Beta1, Beta2, Eps) = (beta1, beta2, eps);
    }

    public AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double weightDecay = 1e-2, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        : this([new ParameterGroup("default", parameters, learningRate, weightDecay)], beta1, beta2, eps)
    {
    }

    public IReadOnlyList<ParameterGroup> Groups { get; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    /// <summary>Steps taken so far; bias correction uses it.</summary>
    public long StepCount { get; private set; }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void Step()
    {
        StepCount++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, StepCount);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        using var scope = new DisposeScope();
        using var noGrad = GradMode.NoGrad();
        foreach (var group in Groups)
        {
            var parameters = new List<Tensor>();
            var grads = new List<Tensor>();
            foreach (var p in group.Parameters)
            {
                if (p.Grad is { } g)
                {
                    parameters.Add(p);
                    grads.Add(g);
                }
            }
            if (parameters.Count == 0)
            {
                continue;
            }
            Tensor?[] ps = parameters.ToArray(), gs = grads.ToArray();
            Tensor?[] ms = parameters.Select(p => MomentsOf(p).ExpAvg).ToArray();
            Tensor?[] vs = parameters.Select(p => MomentsOf(p).ExpAvgSq).ToArray();
            if (group.WeightDecay > 0)
            {
                s_mul.InvokeInPlace(ps, 1 - (group.LearningRate * group.WeightDecay));
            }
            s_mul.InvokeInPlace(ms, Beta1);
            s_addList.InvokeInPlace(ms, gs, 1 - Beta1);
            s_mul.InvokeInPlace(vs, Beta2);
            s_addcmul.InvokeInPlace(vs, gs, gs, 1 - Beta2);
            Tensor?[] denominators = s_sqrt.InvokeMany(vs).Cast<Tensor>().ToArray();
            s_div.InvokeInPlace(denominators, biasCorrection2Sqrt);
            s_addScalar.InvokeInPlace(denominators, Eps);
            s_addcdiv.InvokeInPlace(ps, ms, denominators, -group.LearningRate / biasCorrection1);
        }
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Groups.SelectMany(g => g.Parameters))
        {
            p.Grad = null;
        }
    }

    /// <summary>
    /// The optimizer's state: <c>step</c>, and <c>state.{i}.exp_avg</c> / <c>state.{i}.exp_avg_sq</c>
    /// by the parameter's index over all groups in order (PyTorch's numbering). The tensors stay
    /// owned by the optimizer.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor> { ["step"] = Tensor.Scalar(StepCount).DetachFromDisposeScope() };
        _stepTensor?.Dispose();
        _stepTensor = state["step"];
        var index = 0;
        foreach (var p in Groups.SelectMany(g => g.Parameters))
        {
            if (_moments.TryGetValue(p, out var m))
            {
                state[$"state.{index}.exp_avg"] = m.ExpAvg;
                state[$"state.{index}.exp_avg_sq"] = m.ExpAvgSq;
            }
            index++;
        }
        return state;
    }

    /// <summary>Restores a state saved by <see cref="StateDict"/> for the same parameters in the same order.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue("step", out var step))
        {
            throw new ArgumentException("The optimizer state has no 'step' entry.", nameof(state));
        }
        using var scope = new DisposeScope();
        using var noGrad = GradMode.NoGrad();
        StepCount = step.To(ScalarType.Int64).Item<long>();
        var index = 0;
        foreach (var p in Groups.SelectMany(g => g.Parameters))
        {
            if (state.TryGetValue($"state.{index}.exp_avg", out var expAvg) && state.TryGetValue($"state.{index}.exp_avg_sq", out var expAvgSq))
            {
                var (m, v) = MomentsOf(p);
                if (!m.Shape.SequenceEqual(expAvg.Shape))
                {
                    throw new ArgumentException($"Optimizer state {index} has shape [{string.Join(", ", expAvg.Shape)}] but its parameter is [{string.Join(", ", p.Shape)}].", nameof(state));
                }
                m.Copy_(expAvg);
                v.Copy_(expAvgSq);
            }
            index++;
        }
    }

    public void Dispose()
    {
        foreach (var (m, v) in _moments.Values)
        {
            m.Dispose();
            v.Dispose();
        }
        _moments.Clear();
        _stepTensor?.Dispose();
    }

    private (Tensor ExpAvg, Tensor ExpAvgSq) MomentsOf(Tensor parameter)
    {
        if (!_moments.TryGetValue(parameter, out var moments))
        {
            moments = (Tensors.ZerosLike(parameter).DetachFromDisposeScope(), Tensors.ZerosLike(parameter).DetachFromDisposeScope());
            _moments[parameter] = moments;
        }
        return moments;
    }
}

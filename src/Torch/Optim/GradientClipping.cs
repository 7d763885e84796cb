using VideoLang.Torch.Autograd;

namespace VideoLang.Torch.Optim;

/// <summary>Gradient clipping by global norm, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    private static readonly LazyOp s_norms = new("_foreach_norm", "Scalar");
    private static readonly LazyOp s_mul = new("_foreach_mul_", "Scalar");

    /// <summary>
    /// Scales every gradient so that their joint L2 norm is at most <paramref name="maxNorm"/> and
    /// returns the norm before clipping (useful to log; a non-finite value means the step diverged).
    /// </summary>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        using var scope = new DisposeScope();
        using var noGrad = GradMode.NoGrad();
        Tensor?[] grads = parameters.Select(p => p.Grad).Where(g => g is not null).ToArray();
        if (grads.Length == 0)
        {
            return 0;
        }
        var norms = s_norms.InvokeMany(grads, 2.0).Cast<Tensor>().ToArray();
        var total = Tensors.Stack(norms).Norm().To(Device.Cpu, ScalarType.Float64).Item<double>();
        var coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1)
        {
            s_mul.InvokeInPlace(grads, coefficient);
        }
        return total;
    }
}

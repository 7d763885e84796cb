namespace VideoLang.Torch.NN;

/// <summary>
/// Stateless layers, as PyTorch's <c>torch.nn.functional</c>; split by area over partial files.
/// Modules in this namespace hold the parameters and call these.
/// </summary>
public static partial class Functional
{
    private static readonly LazyOp s_linear = new("linear");
    private static readonly LazyOp s_embedding = new("embedding");
    private static readonly LazyOp s_dropout = new("dropout");

    /// <summary>x Wᵀ + b.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) => s_linear.Invoke(input, weight, bias);

    /// <summary>Rows of <paramref name="weight"/> picked by <paramref name="indices"/>; rows at <paramref name="paddingIndex"/> get no gradient.</summary>
    public static Tensor Embedding(Tensor indices, Tensor weight, long paddingIndex = -1) =>
        s_embedding.Invoke(weight, indices, paddingIndex, false, false);

    /// <summary>Zeroes elements with probability <paramref name="p"/> and scales the rest by 1/(1-p), when training.</summary>
    public static Tensor Dropout(Tensor input, double p, bool training)
    {
        if (p is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must lie in [0, 1].");
        }
        return training && p > 0 ? s_dropout.Invoke(input, p, true) : input.Alias();
    }
}

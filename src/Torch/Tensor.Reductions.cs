namespace VideoLang.Torch;

public sealed partial class Tensor
{
    private static readonly LazyOp s_sum = new("sum");
    private static readonly LazyOp s_sumDims = new("sum", "dim_IntList");
    private static readonly LazyOp s_mean = new("mean");
    private static readonly LazyOp s_meanDims = new("mean", "dim");
    private static readonly LazyOp s_max = new("max");
    private static readonly LazyOp s_maxDim = new("max", "dim");
    private static readonly LazyOp s_min = new("min");
    private static readonly LazyOp s_minDim = new("min", "dim");
    private static readonly LazyOp s_logsumexp = new("logsumexp");
    private static readonly LazyOp s_argmax = new("argmax");
    private static readonly LazyOp s_topk = new("topk");
    private static readonly LazyOp s_vectorNorm = new("linalg_vector_norm");

    public Tensor Sum() => s_sum.Invoke(this);

    public Tensor Sum(long[] dims, bool keepDim = false) => s_sumDims.Invoke(this, dims, keepDim);

    public Tensor Sum(long dim, bool keepDim = false) => Sum([dim], keepDim);

    public Tensor Mean() => s_mean.Invoke(this);

    public Tensor Mean(long[] dims, bool keepDim = false) => s_meanDims.Invoke(this, dims, keepDim);

    public Tensor Mean(long dim, bool keepDim = false) => Mean([dim], keepDim);

    public Tensor Max() => s_max.Invoke(this);

    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false) => s_maxDim.InvokePair(this, dim, keepDim);

    public Tensor Min() => s_min.Invoke(this);

    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false) => s_minDim.InvokePair(this, dim, keepDim);

    public Tensor LogSumExp(long[] dims, bool keepDim = false) => s_logsumexp.Invoke(this, dims, keepDim);

    public Tensor LogSumExp(long dim, bool keepDim = false) => LogSumExp([dim], keepDim);

    /// <summary>Index of the largest element, over all elements when <paramref name="dim"/> is null.</summary>
    public Tensor ArgMax(long? dim = null, bool keepDim = false) => s_argmax.Invoke(this, OpArg.Optional(dim), keepDim);

    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1, bool largest = true, bool sorted = true) =>
        s_topk.InvokePair(this, k, dim, largest, sorted);

    /// <summary>The p-norm over <paramref name="dims"/> (all elements when null).</summary>
    public Tensor Norm(double p = 2, long[]? dims = null, bool keepDim = false) =>
        s_vectorNorm.Invoke(this, p, dims is null ? OpArg.None : dims, keepDim);
}

using VideoLang.Torch.NN;

namespace VideoLang.Torch.Tests;

/// <summary>Every differentiable wrapper against finite differences, in double precision.</summary>
[Collection(TorchCollection.Name)]
public sealed class GradientTests
{
    private static readonly long[] s_matrix = [3, 4];

    public static TheoryData<string> Unary => new()
    {
        "neg", "log_sigmoid", "abs", "exp", "log", "sqrt", "rsqrt", "pow", "tanh", "sigmoid", "relu", "gelu", "gelu_tanh", "clamp",
        "softmax", "log_softmax", "sum", "sum_dim", "mean", "mean_dim", "max", "max_dim", "logsumexp", "norm",
        "normalize", "reshape", "permute", "transpose", "slice", "select", "narrow", "unsqueeze", "flatten",
        "expand", "repeat", "masked_fill", "index_select", "gather", "reciprocal", "div_scalar", "rsub",
    };

    [Theory]
    [MemberData(nameof(Unary))]
    public void UnaryOp_GradientMatchesFiniteDifferences(string op)
    {
        Func<Tensor, Tensor> f = op switch
        {
            "neg" => x => -x,
            "log_sigmoid" => x => Functional.LogSigmoid(x),
            "abs" => x => x.Abs(),
            "exp" => x => x.Exp(),
            "log" => x => x.Abs().Add(0.5).Log(),
            "sqrt" => x => x.Abs().Add(0.5).Sqrt(),
            "rsqrt" => x => x.Abs().Add(0.5).Rsqrt(),
            "pow" => x => x.Pow(3),
            "tanh" => x => x.Tanh(),
            "sigmoid" => x => x.Sigmoid(),
            "relu" => x => x.Relu(),
            "gelu" => x => Functional.Gelu(x),
            "gelu_tanh" => x => Functional.Gelu(x, tanhApproximation: true),
            "clamp" => x => x.Clamp(-0.5, 0.5),
            "softmax" => x => Functional.Softmax(x, 1),
            "log_softmax" => x => Functional.LogSoftmax(x, 0),
            "sum" => x => x.Sum(),
            "sum_dim" => x => x.Sum(1, keepDim: true),
            "mean" => x => x.Mean(),
            "mean_dim" => x => x.Mean([0, 1]),
            "max" => x => x.Max(1).Values,
            "max_dim" => x => x.Max(0, keepDim: true).Values,
            "logsumexp" => x => x.LogSumExp(1),
            "norm" => x => x.Norm(2, [1]),
            "normalize" => x => Functional.Normalize(x, dim: 1),
            "reshape" => x => x.Reshape(2, 6).Mul(Tensors.Arange(0, 6, dtype: ScalarType.Float64)),
            "permute" => x => x.Permute(1, 0).Contiguous().View(12).Mul(Tensors.Arange(0, 12, dtype: ScalarType.Float64)),
            "transpose" => x => x.Transpose(0, 1).Exp(),
            "slice" => x => x.Slice(1, 1, 4, 2).Exp(),
            "select" => x => x.Select(0, 2).Exp(),
            "narrow" => x => x.Narrow(1, 1, 2).Exp(),
            "unsqueeze" => x => x.Unsqueeze(0).Exp(),
            "flatten" => x => x.Flatten().Exp(),
            "expand" => x => x.Unsqueeze(0).Expand(2, -1, -1).Exp(),
            "repeat" => x => x.Repeat(2, 1).Exp(),
            "masked_fill" => x => x.MaskedFill(x.Gt(0.3), 0.25).Exp(),
            "index_select" => x => x.IndexSelect(1, Tensor.FromArray([3L, 0L, 3L])).Exp(),
            "gather" => x => x.Gather(1, Tensor.FromArray([0L, 2L, 1L, 3L, 3L, 0L], [3, 2])).Exp(),
            "reciprocal" => x => x.Abs().Add(0.5).Reciprocal(),
            "div_scalar" => x => x / 3.0,
            "rsub" => x => 2.0 - x,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
        GradCheck.Assert(xs => f(xs[0]), [GradCheck.Values(12, seed: 1)], [s_matrix]);
    }

    public static TheoryData<string> Binary => new() { "add", "sub", "mul", "div", "pow", "where", "matmul", "mm", "cat", "stack", "bmm", "mse" };

    [Theory]
    [MemberData(nameof(Binary))]
    public void BinaryOp_GradientMatchesFiniteDifferences(string op)
    {
        var (f, shapeA, shapeB) = op switch
        {
            "add" => ((Func<Tensor, Tensor, Tensor>)((a, b) => a.Add(b, alpha: 2)), new long[] { 3, 4 }, new long[] { 4 }),
            "sub" => ((a, b) => a - b, [3, 4], [3, 1]),
            "mul" => ((a, b) => a * b, [3, 4], [3, 4]),
            "div" => ((a, b) => a / b.Abs().Add(0.5), [3, 4], [4]),
            "pow" => ((a, b) => a.Abs().Add(0.5).Pow(b), [3, 4], [3, 4]),
            "where" => ((a, b) => Tensors.Where(a.Gt(0), a, b), [3, 4], [3, 4]),
            "matmul" => ((a, b) => a.Matmul(b), [2, 3, 4], [4, 2]),
            "mm" => ((a, b) => a.Mm(b), [3, 4], [4, 2]),
            "cat" => ((a, b) => Tensors.Cat([a, b], 1).Exp(), [3, 4], [3, 2]),
            "stack" => ((a, b) => Tensors.Stack([a, b], 0).Exp(), [3, 4], [3, 4]),
            "bmm" => ((a, b) => a.Bmm(b), [2, 3, 4], [2, 4, 2]),
            "mse" => ((a, b) => Functional.MseLoss(a, b), [3, 4], [3, 4]),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
        GradCheck.Assert(xs => f(xs[0], xs[1]),
            [GradCheck.Values(Count(shapeA), seed: 2), GradCheck.Values(Count(shapeB), seed: 3)], [shapeA, shapeB]);
    }

    [Fact]
    public void Linear_GradientMatchesFiniteDifferences() =>
        GradCheck.Assert(xs => Functional.Linear(xs[0], xs[1], xs[2]),
            [GradCheck.Values(8, 1), GradCheck.Values(12, 2), GradCheck.Values(3, 3)], [[2, 4], [3, 4], [3]]);

    [Fact]
    public void Conv2d_GradientMatchesFiniteDifferences_WithStridePaddingAndGroups() =>
        GradCheck.Assert(xs => Functional.Conv2d(xs[0], xs[1], xs[2], stride: 2, padding: 1, groups: 2),
            [GradCheck.Values(2 * 4 * 5 * 5, 1), GradCheck.Values(4 * 2 * 3 * 3, 2), GradCheck.Values(4, 3)],
            [[2, 4, 5, 5], [4, 2, 3, 3], [4]]);

    [Fact]
    public void BatchNorm_GradientMatchesFiniteDifferences_InTraining() =>
        GradCheck.Assert(xs => Functional.BatchNorm(xs[0], null, null, xs[1], xs[2], training: true),
            [GradCheck.Values(3 * 2 * 2 * 2, 1), GradCheck.Values(2, 2, 1), GradCheck.Values(2, 3)], [[3, 2, 2, 2], [2], [2]]);

    [Fact]
    public void LayerNorm_GradientMatchesFiniteDifferences() =>
        GradCheck.Assert(xs => Functional.LayerNorm(xs[0], [4], xs[1], xs[2]),
            [GradCheck.Values(12, 1), GradCheck.Values(4, 2, 1), GradCheck.Values(4, 3)], [[3, 4], [4], [4]]);

    [Fact]
    public void Pooling_GradientMatchesFiniteDifferences()
    {
        long[][] shape = [[1, 2, 4, 4]];
        GradCheck.Assert(xs => Functional.MaxPool2d(xs[0], 2), [GradCheck.Values(32, 1)], shape);
        GradCheck.Assert(xs => Functional.AvgPool2d(xs[0], 3, stride: 1, padding: 1), [GradCheck.Values(32, 2)], shape);
        GradCheck.Assert(xs => Functional.AdaptiveAvgPool2d(xs[0], 3, 2), [GradCheck.Values(32, 3)], shape);
    }

    [Fact]
    public void Embedding_GradientMatchesFiniteDifferences_WithRepeatedIndices() =>
        GradCheck.Assert(xs => Functional.Embedding(Tensor.FromArray([2L, 0L, 2L, 4L], [2, 2]), xs[0]),
            [GradCheck.Values(15, 1)], [[5, 3]]);

    [Fact]
    public void CrossEntropy_GradientMatchesFiniteDifferences_WithWeightsAndLabelSmoothing() =>
        GradCheck.Assert(xs => Functional.CrossEntropy(xs[0], Tensor.FromArray([1L, 3L, 0L]), Tensor.FromArray([1.0, 2.0, 0.5, 1.5]), labelSmoothing: 0.1),
            [GradCheck.Values(12, 1)], [[3, 4]]);

    [Fact]
    public void BinaryCrossEntropyWithLogits_GradientMatchesFiniteDifferences() =>
        GradCheck.Assert(xs => Functional.BinaryCrossEntropyWithLogits(xs[0], Tensor.FromArray([1.0, 0.0, 0.0, 1.0, 0.5, 1.0], [2, 3])),
            [GradCheck.Values(6, 1)], [[2, 3]]);

    [Fact]
    public void GradCheck_Fails_WhenAutogradGradientIsWrong()
    {
        // d(x.detach() * x)/dx is x to autograd but 2x numerically: the checker must notice.
        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            GradCheck.Assert(xs => xs[0].Detach() * xs[0], [GradCheck.Values(4, 1, offset: 2)], [[4]]));
        Assert.Contains("finite differences", e.Message, StringComparison.Ordinal);
    }

    private static int Count(long[] shape) => (int)shape.Aggregate(1L, (a, b) => a * b);
}

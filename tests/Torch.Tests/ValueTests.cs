using VideoLang.Torch.NN;

namespace VideoLang.Torch.Tests;

/// <summary>Forward values against results computed by hand.</summary>
[Collection(TorchCollection.Name)]
public sealed class ValueTests : IDisposable
{
    private readonly DisposeScope _scope = new();

    public void Dispose() => _scope.Dispose();

    private static Tensor M(params double[] values) => Tensor.FromArray(values, [2, 3]);

    [Fact]
    public void Reductions_GiveHandComputedValues()
    {
        var x = M(1, 5, 3, 4, 2, 6);
        Assert.Equal(21.0, x.Sum().Item<double>());
        Assert.Equal([9.0, 12.0], x.Sum(1).ToArray<double>());
        Assert.Equal([2.5, 3.5, 4.5], x.Mean(0).ToArray<double>());
        Assert.Equal(6.0, x.Max().Item<double>());
        var (values, indices) = x.Max(1);
        Assert.Equal([5.0, 6.0], values.ToArray<double>());
        Assert.Equal([1L, 2L], indices.ToArray<long>());
        Assert.Equal([1L, 2L], x.ArgMax(1).ToArray<long>());
        Assert.Equal(5L, x.ArgMax().Item<long>());
        var (top, topIndex) = x.TopK(2, 1);
        Assert.Equal([5.0, 3.0, 6.0, 4.0], top.ToArray<double>());
        Assert.Equal([1L, 2L, 2L, 0L], topIndex.ToArray<long>());
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(5) + Math.Exp(3)), x.LogSumExp(1).ToArray<double>()[0], 12);
        Assert.Equal(Math.Sqrt(1 + 25 + 9), x.Norm(2, [1]).ToArray<double>()[0], 12);
    }

    [Fact]
    public void Comparisons_AndWhere_GiveHandComputedValues()
    {
        var x = M(1, 5, 3, 4, 2, 6);
        Assert.Equal([false, true, false, true, false, true], x.Gt(3).ToArray<bool>());
        Assert.Equal([true, false, true, false, true, false], x.Le(3).ToArray<bool>());
        Assert.Equal([false, false, true, false, false, false], x.Eq(3).ToArray<bool>());
        Assert.Equal([true, true, false, true, true, true], x.Ne(3).ToArray<bool>());
        Assert.Equal([true, false, false, false, true, false], x.Lt(M(2, 2, 2, 2, 3, 3)).ToArray<bool>());
        Assert.Equal([1.0, 0, 3, 0, 2, 0], Tensors.Where(x.Gt(3), Tensors.ZerosLike(x), x).ToArray<double>());
        Assert.Equal([1.0, -1, 3, -1, 2, -1], x.MaskedFill(x.Ge(4), -1).ToArray<double>());
        Assert.True(x.AllClose(x + 1e-9));
        Assert.False(x.AllClose(x + 1e-3));
    }

    [Fact]
    public void ShapeAndIndexing_GiveHandComputedValues()
    {
        var x = M(1, 2, 3, 4, 5, 6);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], x.T().Contiguous().ToArray<double>());
        Assert.Equal([3L, 2L], x.Permute(1, 0).Shape);
        Assert.Equal([2.0, 5], x.Select(1, 1).ToArray<double>());
        Assert.Equal([1.0, 3, 4, 6], x.Slice(1, 0, null, 2).ToArray<double>());
        Assert.Equal([3.0, 1, 6, 4], x.IndexSelect(1, Tensor.FromArray([2L, 0L])).ToArray<double>());
        Assert.Equal([2.0, 2, 6, 4], x.Gather(1, Tensor.FromArray([1L, 1L, 2L, 0L], [2, 2])).ToArray<double>());
        Assert.Equal([4.0, 5, 6], x.Index(Tensor.FromArray([1L])).Squeeze(0).ToArray<double>());
        Assert.Equal([1L, 2L, 1L, 3L], x.Unsqueeze(1).Unsqueeze(0).Shape);
        Assert.Equal([2L, 6L], Tensors.Cat([x, x], 1).Shape);
        Assert.Equal([2L, 2L, 3L], Tensors.Stack([x, x]).Shape);
        Assert.Equal(2, x.Chunk(3, 1).Length - 1);
        Assert.Equal([3L, 3L], x.Reshape(3, 2).Repeat(1, 1).View(3, 2).Repeat(1, 2).Narrow(1, 0, 3).Shape);
        Assert.Equal([0L, 2L, 4L], Tensors.Arange(0, 6, 2).ToArray<long>());
    }

    [Fact]
    public void Losses_GiveHandComputedValues()
    {
        var logits = Tensor.FromArray([1.0, 2.0, 0.5, 0.0], [2, 2]);
        var target = Tensor.FromArray([1L, 0L]);
        double Nll(double a, double b, int t) => -((t == 0 ? a : b) - Math.Log(Math.Exp(a) + Math.Exp(b)));
        var expected = (Nll(1, 2, 1) + Nll(0.5, 0, 0)) / 2;
        Assert.Equal(expected, Functional.CrossEntropy(logits, target).Item<double>(), 12);

        // Label smoothing eps: (1 - eps) * NLL + eps * mean over classes of -log p.
        double Smooth(double a, double b, int t, double eps)
        {
            var lse = Math.Log(Math.Exp(a) + Math.Exp(b));
            return ((1 - eps) * Nll(a, b, t)) + (eps * ((lse - a) + (lse - b)) / 2);
        }
        var smoothed = (Smooth(1, 2, 1, 0.2) + Smooth(0.5, 0, 0, 0.2)) / 2;
        Assert.Equal(smoothed, Functional.CrossEntropy(logits, target, labelSmoothing: 0.2).Item<double>(), 12);

        var bce = Functional.BinaryCrossEntropyWithLogits(Tensor.FromArray([0.0, 2.0]), Tensor.FromArray([1.0, 0.0]));
        Assert.Equal((Math.Log(2) + Math.Log(1 + Math.Exp(2))) / 2, bce.Item<double>(), 12);
    }

    [Fact]
    public void Activations_GiveHandComputedValues()
    {
        var x = Tensor.FromArray([-1.0, 0.0, 2.0]);
        Assert.Equal([0.0, 0.0, 2.0], x.Relu().ToArray<double>());
        var gelu = Functional.Gelu(x).ToArray<double>();
        Assert.Equal(-0.15865525393145707, gelu[0], 12); // x * Φ(x) at -1
        var z = Math.Exp(-1) + 1 + Math.Exp(2);
        AssertClose([Math.Exp(-1) / z, 1 / z, Math.Exp(2) / z], Functional.Softmax(x, 0).ToArray<double>());
        AssertClose([1 / Math.Sqrt(5), 0, 2 / Math.Sqrt(5)], Functional.Normalize(Tensor.FromArray([1.0, 0, 2], [1, 3])).ToArray<double>());
    }

    [Fact]
    public void Dtypes_RoundTripThroughTheBridge()
    {
        Assert.Equal([(Half)1.5, (Half)(-2)], Tensor.FromArray([(Half)1.5, (Half)(-2)]).ToArray<Half>());
        Assert.Equal([7, -3], Tensor.FromArray([7, -3]).ToArray<int>());
        Assert.Equal([(byte)255, (byte)0], Tensor.FromArray([(byte)255, (byte)0]).ToArray<byte>());
        Assert.Equal([true, false], Tensor.FromArray([true, false]).ToArray<bool>());
        // bf16 1.0 is 0x3F80; travels as ushort bits.
        var bf16 = Tensor.FromSpan<ushort>([0x3F80, 0xC000], [2], ScalarType.BFloat16);
        Assert.Equal([1f, -2f], bf16.To(ScalarType.Float32).ToArray<float>());
        Assert.Equal(ScalarType.Float64, Tensor.FromArray([1f]).To(ScalarType.Float64).Dtype);
    }

    [Fact]
    public void ToArray_Throws_WhenElementTypeDoesNotMatch()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.FromArray([1f]).ToArray<double>());
        Assert.Contains("Float32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSpan_Throws_WhenDataDoesNotFillTheShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2f, 3f], [2, 2]));
        Assert.Contains("needs 16 bytes", e.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }
}

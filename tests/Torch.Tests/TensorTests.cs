namespace VideoLang.Torch.Tests;

[Collection(TorchCollection.Name)]
public sealed class TensorTests
{
    [Fact]
    public void FromArray_RoundTripsValuesShapeAndDtype()
    {
        using var scope = new DisposeScope();
        var t = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);
        Assert.Equal([2L, 3L], t.Shape);
        Assert.Equal(ScalarType.Float32, t.Dtype);
        Assert.Equal(Device.Cpu with { Index = -1 }, t.Device);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], t.ToArray<float>());
    }

    [Fact]
    public void Add_Broadcasts_RowVectorOverMatrix()
    {
        using var scope = new DisposeScope();
        var m = Tensor.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]);
        var row = Tensor.FromArray([10.0, 20.0, 30.0]);
        Assert.Equal([11.0, 22.0, 33.0, 14.0, 25.0, 36.0], (m + row).ToArray<double>());
    }

    [Fact]
    public void Add_PromotesIntToFloat_WhenMixed()
    {
        using var scope = new DisposeScope();
        var i = Tensor.FromArray([1L, 2L]);
        var f = Tensor.FromArray([0.5f, 0.25f]);
        var sum = i + f;
        Assert.Equal(ScalarType.Float32, sum.Dtype);
        Assert.Equal([1.5f, 2.25f], sum.ToArray<float>());
    }

    [Fact]
    public void Matmul_ThrowsTorchExceptionWithLibtorchMessage_WhenShapesMismatch()
    {
        using var scope = new DisposeScope();
        var a = Tensors.Zeros([2, 3]);
        var b = Tensors.Zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.Matmul(b));
        Assert.Contains("cannot be multiplied", e.Message, StringComparison.Ordinal);
        // The process carries on: the next call works.
        Assert.Equal([2L, 5L], a.Matmul(Tensors.Zeros([3, 5])).Shape);
    }
}

namespace VideoLang.Torch.Tests;

[Collection(TorchCollection.Name)]
public sealed class AtenOpTests : IDisposable
{
    private readonly DisposeScope _scope = new();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void Get_Throws_WhenOperatorDoesNotExist()
    {
        var e = Assert.Throws<TorchException>(() => AtenOp.Get("no_such_operator"));
        Assert.Contains("no_such_operator", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_IsLibtorchsDeclaration()
    {
        Assert.StartsWith("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1)", AtenOp.Get("add", "Tensor").Schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_PadsDefaultsFromTheSchema_WhenTrailingArgumentsAreOmitted()
    {
        // sum.dim_IntList(self, dim, keepdim=False, *, dtype=None): only self and dim given.
        var x = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], [2, 2]);
        Assert.Equal([4.0, 6.0], AtenOp.Get("sum", "dim_IntList").Invoke(x, new long[] { 0 }).ToArray<double>());
    }

    [Fact]
    public void Invoke_ConvertsByDeclaredType_IntForFloatAndIntForIntList()
    {
        var x = Tensor.FromArray([1.0, 2.0]);
        // add.Scalar's alpha is a Scalar and other a Scalar: ints are accepted.
        Assert.Equal([7.0, 8.0], AtenOp.Get("add", "Scalar").Invoke(x, 3, 2).ToArray<double>());
        // max_pool2d's kernel_size is int[2]: one int stands for both.
        var image = Tensors.Arange(0, 16, dtype: ScalarType.Float32).View(1, 1, 4, 4);
        Assert.Equal([5f, 7f, 13f, 15f], AtenOp.Get("max_pool2d").Invoke(image, 2).ToArray<float>());
        // dropout's p is a float: an int is converted.
        Assert.Equal([1.0, 2.0], AtenOp.Get("dropout").Invoke(x, 0, false).ToArray<double>());
    }

    [Fact]
    public void Invoke_Throws_WhenARequiredArgumentIsMissingOrHasTheWrongKind()
    {
        var x = Tensor.FromArray([1.0]);
        Assert.Contains("'other' has no default", Assert.Throws<TorchException>(() => AtenOp.Get("add", "Tensor").Invoke(x)).Message, StringComparison.Ordinal);
        Assert.Contains("needs a tensor", Assert.Throws<TorchException>(() => AtenOp.Get("add", "Tensor").Invoke(x, "text")).Message, StringComparison.Ordinal);
        Assert.Contains("takes 3 arguments", Assert.Throws<TorchException>(() => AtenOp.Get("add", "Tensor").Invoke(x, x, 1, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be None", Assert.Throws<TorchException>(() => AtenOp.Get("add", "Tensor").Invoke(x, OpArg.None)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvokeMany_ReturnsTuplesAndTensorListsFlattened()
    {
        var x = Tensor.FromArray([3.0, 1.0, 2.0]);
        var sorted = AtenOp.Get("sort").InvokeMany(x, -1L, false);
        Assert.Equal([1.0, 2.0, 3.0], ((Tensor)sorted[0]!).ToArray<double>());
        Assert.Equal([1L, 2L, 0L], ((Tensor)sorted[1]!).ToArray<long>());
        var parts = AtenOp.Get("unbind", "int").InvokeMany(x, 0);
        Assert.Equal(3, parts.Length);
        Assert.Equal(2.0, ((Tensor)parts[2]!).Item<double>());
        var scalar = AtenOp.Get("_local_scalar_dense").InvokeMany(Tensor.FromArray([2.5]).Squeeze(0));
        Assert.Equal(2.5, (double)scalar[0]!);
    }

    [Fact]
    public void InvokeInPlace_ChangesTheInputAndAllocatesNoHandle()
    {
        var x = Tensor.FromArray([1.0, 2.0]);
        var before = Tensor.LiveCount;
        AtenOp.Get("mul_", "Scalar").InvokeInPlace(x, 3);
        Assert.Equal(before, Tensor.LiveCount);
        Assert.Equal([3.0, 6.0], x.ToArray<double>());
    }

    [Fact]
    public void Invoke_PassesStringsDevicesDtypesAndOptionalTensorLists()
    {
        var x = Tensor.FromArray([-1.0, 0.5]);
        Assert.Equal(Functional(x), AtenOp.Get("gelu").Invoke(x, "tanh").ToArray<double>());
        var ones = AtenOp.Get("ones").Invoke(new long[] { 2 }, ScalarType.Int32, OpArg.None, Device.Cpu);
        Assert.Equal([1, 1], ones.ToArray<int>());
        var m = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], [2, 2]);
        var picked = AtenOp.Get("index", "Tensor").Invoke(m, new Tensor?[] { null, Tensor.FromArray([1L]) });
        Assert.Equal([2.0, 4.0], picked.Flatten().ToArray<double>());
    }

    [Fact]
    public void Handle_Throws_WhenTensorIsDisposed()
    {
        var x = Tensor.FromArray([1.0]);
        x.Dispose();
        Assert.Throws<ObjectDisposedException>(() => x.Add(1));
        Assert.Equal("tensor(disposed)", x.ToString());
    }

    private static double[] Functional(Tensor x) => VideoLang.Torch.NN.Functional.Gelu(x, tanhApproximation: true).ToArray<double>();
}

namespace VideoLang.Torch;

/// <summary>Factories and many-tensor operations, as PyTorch's <c>torch.zeros</c>, <c>torch.cat</c>, ...</summary>
public static class Tensors
{
    private static readonly LazyOp s_zeros = new("zeros");
    private static readonly LazyOp s_ones = new("ones");
    private static readonly LazyOp s_full = new("full");
    private static readonly LazyOp s_empty = new("empty", "memory_format");
    private static readonly LazyOp s_randn = new("randn");
    private static readonly LazyOp s_rand = new("rand");
    private static readonly LazyOp s_randint = new("randint", "low");
    private static readonly LazyOp s_arange = new("arange", "start_step");
    private static readonly LazyOp s_zerosLike = new("zeros_like");
    private static readonly LazyOp s_onesLike = new("ones_like");
    private static readonly LazyOp s_eye = new("eye");
    private static readonly LazyOp s_cat = new("cat");
    private static readonly LazyOp s_stack = new("stack");
    private static readonly LazyOp s_where = new("where", "self");

    public static Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        s_zeros.Invoke(shape, dtype, OpArg.None, device ?? Device.Cpu);

    public static Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        s_ones.Invoke(shape, dtype, OpArg.None, device ?? Device.Cpu);

    public static Tensor Full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        s_full.Invoke(shape, value, dtype, OpArg.None, device ?? Device.Cpu);

    /// <summary>Uninitialised memory: every element must be written before it is read.</summary>
    public static Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        s_empty.Invoke(shape, dtype, OpArg.None, device ?? Device.Cpu);

    /// <summary>Samples of N(0, 1) from libtorch's generator.</summary>
    public static Tensor Randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        s_randn.Invoke(shape, dtype, OpArg.None, device ?? Device.Cpu);

    /// <summary>Samples of U(0, 1).</summary>
    public static Tensor Rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        s_rand.Invoke(shape, dtype, OpArg.None, device ?? Device.Cpu);

    /// <summary>Integers drawn uniformly from [low, high).</summary>
    public static Tensor RandInt(long low, long high, long[] shape, Device? device = null) =>
        s_randint.Invoke(low, high, shape, ScalarType.Int64, OpArg.None, device ?? Device.Cpu);

    /// <summary>start, start + step, ... up to but excluding end.</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null) =>
        s_arange.Invoke(start, end, step, dtype, OpArg.None, device ?? Device.Cpu);

    /// <summary>The n × n identity matrix.</summary>
    public static Tensor Eye(long n, Device? device = null, ScalarType dtype = ScalarType.Float32) =>
        s_eye.Invoke(n, dtype, OpArg.None, device ?? Device.Cpu);

    public static Tensor ZerosLike(Tensor other) => s_zerosLike.Invoke(other);

    public static Tensor OnesLike(Tensor other) => s_onesLike.Invoke(other);

    public static Tensor Cat(Tensor[] tensors, long dim = 0) => s_cat.Invoke(tensors, dim);

    public static Tensor Stack(Tensor[] tensors, long dim = 0) => s_stack.Invoke(tensors, dim);

    /// <summary>Elements of <paramref name="whenTrue"/> where <paramref name="condition"/> holds, else of <paramref name="whenFalse"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor whenTrue, Tensor whenFalse) =>
        s_where.Invoke(condition, whenTrue, whenFalse);
}

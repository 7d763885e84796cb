namespace VideoLang.Torch;

/// <summary>In-place operations: they change this tensor and return it, as PyTorch's trailing-underscore methods.</summary>
public sealed partial class Tensor
{
    private static readonly LazyOp s_copy = new("copy_");
    private static readonly LazyOp s_zero = new("zero_");
    private static readonly LazyOp s_fill = new("fill_", "Scalar");
    private static readonly LazyOp s_mulScalarInPlace = new("mul_", "Scalar");
    private static readonly LazyOp s_addTensorInPlace = new("add_", "Tensor");
    private static readonly LazyOp s_normal = new("normal_");
    private static readonly LazyOp s_reluInPlace = new("relu_");
    private static readonly LazyOp s_uniform = new("uniform_");

    public Tensor Copy_(Tensor source)
    {
        s_copy.InvokeInPlace(this, source, false);
        return this;
    }

    public Tensor Zero_()
    {
        s_zero.InvokeInPlace(this);
        return this;
    }

    public Tensor Fill_(double value)
    {
        s_fill.InvokeInPlace(this, value);
        return this;
    }

    public Tensor Mul_(double value)
    {
        s_mulScalarInPlace.InvokeInPlace(this, value);
        return this;
    }

    public Tensor Add_(Tensor other, double alpha = 1)
    {
        s_addTensorInPlace.InvokeInPlace(this, other, OpArg.Number(alpha));
        return this;
    }

    /// <summary>max(0, x) in place (as torchvision's <c>ReLU(inplace=True)</c>; fine for autograd after batch norm or an add).</summary>
    public Tensor Relu_()
    {
        s_reluInPlace.InvokeInPlace(this);
        return this;
    }

    /// <summary>Fills with samples of N(mean, std²) from libtorch's generator (seed it with <see cref="TorchRuntime.ManualSeed"/>).</summary>
    public Tensor Normal_(double mean = 0, double std = 1)
    {
        s_normal.InvokeInPlace(this, mean, std, OpArg.None);
        return this;
    }

    /// <summary>Fills with samples of U(from, to).</summary>
    public Tensor Uniform_(double from = 0, double to = 1)
    {
        s_uniform.InvokeInPlace(this, from, to, OpArg.None);
        return this;
    }
}

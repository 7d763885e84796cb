namespace VideoLang.Torch.NN;

public static partial class Functional
{
    private static readonly LazyOp s_gelu = new("gelu");
    private static readonly LazyOp s_softmax = new("softmax", "int");
    private static readonly LazyOp s_logSoftmax = new("log_softmax", "int");
    private static readonly LazyOp s_logSigmoid = new("log_sigmoid");

    public static Tensor Relu(Tensor input) => input.Relu();

    /// <summary>GELU, exact (erf) by default as BERT, or the tanh approximation.</summary>
    public static Tensor Gelu(Tensor input, bool tanhApproximation = false) =>
        s_gelu.Invoke(input, tanhApproximation ? "tanh" : "none");

    public static Tensor Tanh(Tensor input) => input.Tanh();

    public static Tensor Sigmoid(Tensor input) => input.Sigmoid();

    /// <summary>log(sigmoid(x)), computed stably.</summary>
    public static Tensor LogSigmoid(Tensor input) => s_logSigmoid.Invoke(input);

    public static Tensor Softmax(Tensor input, long dim) => s_softmax.Invoke(input, dim, OpArg.None);

    public static Tensor LogSoftmax(Tensor input, long dim) => s_logSoftmax.Invoke(input, dim, OpArg.None);

    /// <summary>x / max(‖x‖ₚ, eps) along <paramref name="dim"/>.</summary>
    public static Tensor Normalize(Tensor input, double p = 2, long dim = 1, double eps = 1e-12)
    {
        using var norm = input.Norm(p, [dim], keepDim: true);
        using var clamped = norm.Clamp(min: eps);
        return input / clamped;
    }
}

namespace VideoLang.Torch.NN;

/// <summary>Layer normalisation over the last dimensions, with <c>weight</c> and <c>bias</c> (BERT's eps is 1e-12).</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] _shape;
    private readonly double _eps;

    public LayerNorm(long[] normalizedShape, double eps = 1e-5)
    {
        (_shape, _eps) = (normalizedShape, eps);
        Weight = RegisterParameter("weight", Tensors.Ones(normalizedShape));
        Bias = RegisterParameter("bias", Tensors.Zeros(normalizedShape));
    }

    public LayerNorm(long features, double eps = 1e-5)
        : this([features], eps)
    {
    }

    public Tensor Weight { get; }

    public Tensor Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, _shape, Weight, Bias, _eps);
}

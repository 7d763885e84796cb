namespace VideoLang.Torch.NN;

/// <summary>y = x Wᵀ + b, with parameters <c>weight</c> (out, in) and <c>bias</c> (out).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        Weight = RegisterParameter("weight", Init.FanInUniform([outFeatures, inFeatures], inFeatures));
        Bias = bias ? RegisterParameter("bias", Init.FanInUniform([outFeatures], inFeatures)) : null;
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}

namespace VideoLang.Torch.NN;

/// <summary>2D convolution with parameters <c>weight</c> (out, in/groups, k, k) and optional <c>bias</c>.</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _dilation;
    private readonly long _groups;

    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"Channels ({inChannels} in, {outChannels} out) must divide by groups ({groups}).", nameof(groups));
        }
        (_stride, _padding, _dilation, _groups) = (stride, padding, dilation, groups);
        var fanIn = inChannels / groups * kernelSize * kernelSize;
        Weight = RegisterParameter("weight", Init.FanInUniform([outChannels, inChannels / groups, kernelSize, kernelSize], fanIn));
        Bias = bias ? RegisterParameter("bias", Init.FanInUniform([outChannels], fanIn)) : null;
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, _stride, _padding, _dilation, _groups);
}

namespace VideoLang.Torch.NN;

/// <summary>Parameter initialisation as PyTorch's layer defaults.</summary>
internal static class Init
{
    /// <summary>U(-1/√fan_in, 1/√fan_in): what kaiming_uniform(a=√5) gives for weights, and PyTorch's bias default.</summary>
    public static Tensor FanInUniform(long[] shape, long fanIn)
    {
        var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        return Tensors.Empty(shape).Uniform_(-bound, bound);
    }
}

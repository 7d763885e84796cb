namespace VideoLang.Torch.NN;

public static partial class Functional
{
    private static readonly LazyOp s_batchNorm = new("batch_norm");
    private static readonly LazyOp s_layerNorm = new("layer_norm");

    /// <summary>
    /// Batch normalisation over (N, C, ...). Training normalises by the batch statistics and updates
    /// the running ones in place (momentum as PyTorch); evaluation uses the running statistics.
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5) =>
        s_batchNorm.Invoke(input, weight, bias, runningMean, runningVar, training, momentum, eps, true);

    /// <summary>Layer normalisation over the trailing <paramref name="normalizedShape"/> dimensions.</summary>
    public static Tensor LayerNorm(Tensor input, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
        s_layerNorm.Invoke(input, normalizedShape, weight, bias, eps, true);
}

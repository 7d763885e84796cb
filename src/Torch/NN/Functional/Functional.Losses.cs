namespace VideoLang.Torch.NN;

public static partial class Functional
{
    private static readonly LazyOp s_crossEntropy = new("cross_entropy_loss");
    private static readonly LazyOp s_bceWithLogits = new("binary_cross_entropy_with_logits");
    private static readonly LazyOp s_mse = new("mse_loss");

    /// <summary>
    /// Cross entropy of (N, C) logits against (N) class indices, with optional class weights and
    /// label smoothing; targets equal to <paramref name="ignoreIndex"/> do not count.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean,
        long ignoreIndex = -100, double labelSmoothing = 0) =>
        s_crossEntropy.Invoke(logits, target, weight, (long)reduction, ignoreIndex, labelSmoothing);

    /// <summary>Sigmoid + binary cross entropy in one numerically stable step (multi-label targets in [0, 1]).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Tensor? weight = null, Tensor? positiveWeight = null,
        Reduction reduction = Reduction.Mean) =>
        s_bceWithLogits.Invoke(logits, target, weight, positiveWeight, (long)reduction);

    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        s_mse.Invoke(input, target, (long)reduction);
}

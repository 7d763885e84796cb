using VideoLang.Model.Heads;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Heads;

public sealed class ContrastiveLossTests
{
    private static readonly double[] s_text = [1, 0, 0, 1];
    private static readonly double[] s_video = [0.6, 0.8, 0, 1];

    [Fact]
    public void Clip_IsTheSymmetricCrossEntropyOfTheScaledSimilarities()
    {
        using var scope = new DisposeScope();
        var loss = ContrastiveLoss.Clip(Tensor.FromArray(s_text, [2, 2]), Tensor.FromArray(s_video, [2, 2]), Tensor.FromArray([Math.Log(2.0)]));
        // sim = [[0.6, 0], [0.8, 1]] × 2
        double[,] s = { { 1.2, 0 }, { 1.6, 2 } };
        double Ce(double right, double wrong) => -right + Math.Log(Math.Exp(right) + Math.Exp(wrong));
        var rows = (Ce(s[0, 0], s[0, 1]) + Ce(s[1, 1], s[1, 0])) / 2;
        var columns = (Ce(s[0, 0], s[1, 0]) + Ce(s[1, 1], s[0, 1])) / 2;
        Assert.Equal((rows + columns) / 2, loss.Item<double>(), 10);
    }

    [Fact]
    public void SigLip_SumsLogSigmoidOverAllPairs_DividedByBatch()
    {
        using var scope = new DisposeScope();
        var loss = ContrastiveLoss.SigLip(Tensor.FromArray(s_text, [2, 2]), Tensor.FromArray(s_video, [2, 2]),
            Tensor.FromArray([Math.Log(2.0)]), Tensor.FromArray([-1.0]));
        double LogSigmoid(double z) => -Math.Log(1 + Math.Exp(-z));
        double[,] logits = { { 0.2, -1 }, { 0.6, 1 } };
        var expected = -(LogSigmoid(logits[0, 0]) + LogSigmoid(-logits[0, 1]) + LogSigmoid(-logits[1, 0]) + LogSigmoid(logits[1, 1])) / 2;
        Assert.Equal(expected, loss.Item<double>(), 10);
    }
}

using System.Diagnostics;
using VideoLang.Torch;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// The tensors an import of ClipBERT's release computes so that our modules reproduce ClipBERT's
/// outputs exactly (docs/clipbert-release-mapping.md, "Semantic differences").
/// </summary>
internal static class ClipBertReleaseDerivations
{
    // ImageNet's statistics as FramePreprocessor applies them (RGB, on [0, 1]).
    private static readonly double[] s_imageNetMean = [0.485, 0.456, 0.406];
    private static readonly double[] s_imageNetStd = [0.229, 0.224, 0.225];

    /// <summary>ClipBERT's img_pixel_mean (RGB, on 0-255; img_pixel_std is 1): 255 × ImageNet's mean, which makes the fold exact.</summary>
    public static IReadOnlyList<double> CaffeMean { get; } = [123.675, 116.28, 103.53];

    public const string StemHow =
        "ClipBERT's input (BGR, 0-255 minus [123.675, 116.28, 103.53], std 1) folded into the stem: input channels reversed and scaled by 255 × ImageNet's std, " +
        "so the model takes VideoLang's usual RGB ImageNet-normalised frames";

    public const string GridBiasHow = "zeros: ClipBERT's grid conv (conv3x3) has no bias";

    public const string BatchCounterHow = "0: detectron2's FrozenBatchNorm2d keeps no num_batches_tracked, and frozen batch norm never reads it";

    public const string ItmHow =
        "ClipBERT's linear ITM head (W, b) as our 2-layer MLP head, exactly: first layer [I; -I] with zero bias, ReLU, second layer [W, -W] with bias b, " +
        "since W·relu(x) - W·relu(-x) + b = W·x + b";

    /// <summary>
    /// The stem's weights for RGB ImageNet-normalised input x = (p/255 - m)/s. ClipBERT's BGR input at
    /// channel k is p[2-k] - 255·m[2-k] = 255·s[2-k]·x[2-k], so W'[:, c] = 255·s[c]·W[:, 2-c]. Zero padding
    /// (x = 0) is the same in both, so the fold is exact.
    /// </summary>
    public static Tensor FoldCaffeInput(Tensor weight)
    {
        Debug.Assert(MeansAgree(), "The fold is exact only when ClipBERT's mean is 255 x ImageNet's.");
        using var scope = new DisposeScope();
        var device = weight.Device;
        var bgr = Tensor.FromArray(new long[] { 2, 1, 0 }, device);
        var scale = Tensor.FromArray(s_imageNetStd.Select(s => (float)(255 * s)).ToArray(), [1, 3, 1, 1], device);
        return scope.MoveOut(weight.To(ScalarType.Float32).IndexSelect(1, bgr).Mul(scale));
    }

    /// <summary>True when ClipBERT's mean is 255 × the mean FramePreprocessor subtracts (the premise of <see cref="FoldCaffeInput"/>).</summary>
    private static bool MeansAgree() => CaffeMean.Zip(s_imageNetMean).All(p => Math.Abs(p.First - (255 * p.Second)) < 1e-9);

    /// <summary>Linear(hidden, 2) as Linear(hidden, 2·hidden) → ReLU → Linear(2·hidden, 2): (first weight, first bias, second weight, second bias).</summary>
    public static (Tensor W0, Tensor B0, Tensor W2, Tensor B2) ItmAsMlp(Tensor weight, Tensor bias)
    {
        using var scope = new DisposeScope();
        var hidden = weight.Size(1);
        var w = weight.To(ScalarType.Float32);
        var eye = Tensors.Eye(hidden, weight.Device);
        var w0 = Tensors.Cat([eye, eye.Neg()], 0);
        var b0 = Tensors.Zeros([2 * hidden], ScalarType.Float32, weight.Device);
        var w2 = Tensors.Cat([w, w.Neg()], 1);
        var b2 = bias.To(ScalarType.Float32);
        return (scope.MoveOut(w0), scope.MoveOut(b0), scope.MoveOut(w2), scope.MoveOut(b2));
    }
}

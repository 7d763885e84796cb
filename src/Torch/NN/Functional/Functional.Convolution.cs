namespace VideoLang.Torch.NN;

public static partial class Functional
{
    private static readonly LazyOp s_conv2d = new("conv2d");
    private static readonly LazyOp s_maxPool2d = new("max_pool2d");
    private static readonly LazyOp s_avgPool2d = new("avg_pool2d");
    private static readonly LazyOp s_adaptiveAvgPool2d = new("adaptive_avg_pool2d");

    /// <summary>2D convolution of an (N, C, H, W) input with a (out, C/groups, kH, kW) weight.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        s_conv2d.Invoke(input, weight, bias, stride, padding, dilation, groups);

    /// <summary>Max pooling; the stride defaults to the kernel size.</summary>
    public static Tensor MaxPool2d(Tensor input, long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false) =>
        s_maxPool2d.Invoke(input, kernelSize, stride ?? kernelSize, padding, dilation, ceilMode);

    /// <summary>Average pooling; the stride defaults to the kernel size.</summary>
    public static Tensor AvgPool2d(Tensor input, long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true) =>
        s_avgPool2d.Invoke(input, kernelSize, stride ?? kernelSize, padding, ceilMode, countIncludePad, OpArg.None);

    public static Tensor AdaptiveAvgPool2d(Tensor input, long outputHeight, long outputWidth) =>
        s_adaptiveAvgPool2d.Invoke(input, new[] { outputHeight, outputWidth });
}

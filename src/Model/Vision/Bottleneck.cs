using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Vision;

/// <summary>
/// ResNet-50's residual block. torchvision (v1.5) puts a downsampling block's stride on the 3×3
/// convolution; detectron2's MSRA ResNet (ClipBERT's grid CNN) puts it on the first 1×1
/// (<c>strideInOneByOne</c>): the same parameters then compute different features.
/// </summary>
internal sealed class Bottleneck : ResidualBlock
{
    public const int Expansion = 4;

    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Conv2d _conv3;
    private readonly BatchNorm2d _bn3;
    private readonly Sequential? _downsample;

    public Bottleneck(long inChannels, long width, long stride, bool frozenBatchNorm, bool strideInOneByOne = false)
    {
        var (strideOneByOne, strideThreeByThree) = strideInOneByOne ? (stride, 1L) : (1L, stride);
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, width, 1, strideOneByOne, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(width, frozen: frozenBatchNorm));
        _conv2 = RegisterModule("conv2", new Conv2d(width, width, 3, strideThreeByThree, padding: 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(width, frozen: frozenBatchNorm));
        _conv3 = RegisterModule("conv3", new Conv2d(width, width * Expansion, 1, bias: false));
        _bn3 = RegisterModule("bn3", new BatchNorm2d(width * Expansion, frozen: frozenBatchNorm));
        _downsample = stride != 1 || inChannels != width * Expansion
            ? RegisterModule("downsample", ResNet.Downsample(inChannels, width * Expansion, stride, frozenBatchNorm))
            : null;
    }

    public override Tensor Forward(Tensor input, long framesPerClip)
    {
        using var scope = new DisposeScope();
        var x = _bn1.Forward(_conv1.Forward(BranchInput(input, framesPerClip))).Relu_();
        x = _bn2.Forward(_conv2.Forward(x)).Relu_();
        var output = _bn3.Forward(_conv3.Forward(x));
        var identity = _downsample?.Forward(input) ?? input;
        // In place, as torchvision: a new tensor per add and ReLU doubled the peak memory of ResNet-50.
        return scope.MoveOut(output.Add_(identity).Relu_());
    }
}

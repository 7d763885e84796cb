using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Vision;

/// <summary>ResNet-18/34's residual block: two 3×3 convolutions, torchvision's parameter names.</summary>
internal sealed class BasicBlock : ResidualBlock
{
    public const int Expansion = 1;

    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Sequential? _downsample;

    public BasicBlock(long inChannels, long width, long stride, bool frozenBatchNorm)
    {
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, width, 3, stride, padding: 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(width, frozen: frozenBatchNorm));
        _conv2 = RegisterModule("conv2", new Conv2d(width, width, 3, padding: 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(width, frozen: frozenBatchNorm));
        _downsample = stride != 1 || inChannels != width * Expansion
            ? RegisterModule("downsample", ResNet.Downsample(inChannels, width * Expansion, stride, frozenBatchNorm))
            : null;
    }

    public override Tensor Forward(Tensor input, long framesPerClip)
    {
        using var scope = new DisposeScope();
        var x = _bn1.Forward(_conv1.Forward(BranchInput(input, framesPerClip))).Relu_();
        var output = _bn2.Forward(_conv2.Forward(x));
        var identity = _downsample?.Forward(input) ?? input;
        // In place, as torchvision: a new tensor per add and ReLU doubled the peak memory of ResNet-50.
        return scope.MoveOut(output.Add_(identity).Relu_());
    }
}

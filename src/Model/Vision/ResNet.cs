using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Vision;

/// <summary>
/// A torchvision ResNet cut after its last stage (stride 32, no pooling or classifier), with
/// torchvision's parameter names (<c>conv1</c>, <c>bn1</c>, <c>layer1.0.conv1</c>, ...) so published
/// weights load unchanged. Input (N, 3, H, W) normalised RGB; output (N, <see cref="OutputChannels"/>, H/32, W/32).
/// </summary>
public sealed class ResNet : Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    // In order, for the forward pass; registered under their stage (layer1.0, ...) for torchvision's names.
    private readonly List<ResidualBlock> _blocks = [];

    // strideInOneByOne: bottlenecks stride their first 1×1 convolution, as detectron2's MSRA ResNets (ClipBERT's); basic blocks have none.
    public ResNet(ResNetDepth depth, bool frozenBatchNorm = false, long baseWidth = 64, bool strideInOneByOne = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseWidth, 1);
        var (blocks, bottleneck) = depth switch
        {
            ResNetDepth.Tiny => (new[] { 1, 1, 1, 1 }, false),
            ResNetDepth.ResNet18 => ([2, 2, 2, 2], false),
            ResNetDepth.ResNet34 => ([3, 4, 6, 3], false),
            ResNetDepth.ResNet50 => ([3, 4, 6, 3], true),
            ResNetDepth.ResNet18Cntk => ([2, 2, 2, 3], false),
            _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "Unknown ResNet depth."),
        };
        Depth = depth;
        _conv1 = RegisterModule("conv1", new Conv2d(3, baseWidth, 7, stride: 2, padding: 3, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(baseWidth, frozen: frozenBatchNorm));
        var expansion = bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;
        var channels = baseWidth;
        for (var stage = 0; stage < 4; stage++)
        {
            var width = baseWidth << stage;
            var layer = new Sequential();
            for (var b = 0; b < blocks[stage]; b++)
            {
                var stride = b == 0 && stage > 0 ? 2 : 1;
                ResidualBlock block = bottleneck
                    ? new Bottleneck(channels, width, stride, frozenBatchNorm, strideInOneByOne)
                    : new BasicBlock(channels, width, stride, frozenBatchNorm);
                layer.Add(block);
                _blocks.Add(block);
                channels = width * expansion;
            }
            RegisterModule($"layer{stage + 1}", layer);
        }
        OutputChannels = channels;
    }

    public ResNetDepth Depth { get; }

    /// <summary>Channels of the last stage: 2048 for ResNet-50, 512 for 18/34, 8 × base width for tiny.</summary>
    public long OutputChannels { get; }

    public override Tensor Forward(Tensor input) => Forward(input, framesPerClip: 1);

    /// <summary>
    /// (clips × <paramref name="framesPerClip"/>, 3, H, W), a clip's frames consecutive; with more
    /// than one frame per clip every block's residual branch sees the neighbouring frames (<see cref="TemporalShift"/>).
    /// </summary>
    public Tensor Forward(Tensor input, long framesPerClip)
    {
        Tensor x;
        using (var scope = new DisposeScope())
        {
            x = scope.MoveOut(Functional.MaxPool2d(_bn1.Forward(_conv1.Forward(input)).Relu_(), 3, 2, 1));
        }
        // Each block's input is freed as soon as the next block has consumed it.
        foreach (var block in _blocks)
        {
            var next = block.Forward(x, framesPerClip);
            x.Dispose();
            x = next;
        }
        return x;
    }

    /// <summary>The 1×1 convolution + batch norm that matches the shortcut to a block's output.</summary>
    internal static Sequential Downsample(long inChannels, long outChannels, long stride, bool frozenBatchNorm) =>
        new(new Conv2d(inChannels, outChannels, 1, stride, bias: false), new BatchNorm2d(outChannels, frozen: frozenBatchNorm));
}

using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Vision;

/// <summary>The CNN side: a ResNet (<c>backbone.*</c>, torchvision names) and the grid encoder (<c>grid_encoder.*</c>).</summary>
public sealed class VisualEncoder : Module<Tensor, Tensor>
{
    private readonly ResNet _backbone;
    private readonly GridEncoder _gridEncoder;

    private readonly bool _temporalShift;
    private readonly bool _gridTemporalShift;

    public VisualEncoder(ResNetDepth depth, long baseWidth, bool frozenBatchNorm, long hiddenSize, int gridPool = 2, bool temporalShift = false,
        bool gridTemporalShift = false, bool strideInOneByOne = false)
    {
        _temporalShift = temporalShift;
        _gridTemporalShift = gridTemporalShift;
        _backbone = RegisterModule("backbone", new ResNet(depth, frozenBatchNorm, baseWidth, strideInOneByOne));
        _gridEncoder = RegisterModule("grid_encoder", new GridEncoder(_backbone.OutputChannels, hiddenSize, gridPool));
    }

    public ResNet Backbone => _backbone;

    /// <summary>(frames, 3, S, S) normalised pixels to (frames, hidden, S/(32·pool), S/(32·pool)) grid features.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, framesPerClip: 1);

    /// <summary>(clips × <paramref name="framesPerClip"/>, 3, S, S), a clip's frames consecutive; they see each other only with a temporal shift on.</summary>
    public Tensor Forward(Tensor input, long framesPerClip)
    {
        using var scope = new DisposeScope();
        var features = _backbone.Forward(input, _temporalShift ? framesPerClip : 1);
        if (_gridTemporalShift)
        {
            features = TemporalShift.Apply(features, framesPerClip);
        }
        return scope.MoveOut(_gridEncoder.Forward(features));
    }
}

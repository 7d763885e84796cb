using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Vision;

/// <summary>A ResNet block whose residual branch can see neighbouring frames through <see cref="TemporalShift"/> (TSM's residual shift).</summary>
internal abstract class ResidualBlock : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => Forward(input, framesPerClip: 1);

    /// <summary>
    /// (clips × <paramref name="framesPerClip"/>, C, H, W) to the block's output; with more than one
    /// frame per clip the branch's input is shifted in time, the shortcut is not.
    /// </summary>
    public abstract Tensor Forward(Tensor input, long framesPerClip);

    protected static Tensor BranchInput(Tensor input, long framesPerClip) =>
        framesPerClip > 1 ? TemporalShift.Apply(input, framesPerClip) : input;
}

using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>The transformer MLP, HF names <c>fc1</c> and <c>fc2</c> (open_clip's <c>c_fc</c>, <c>c_proj</c>).</summary>
internal sealed class EncoderMlp : Module
{
    private readonly HiddenActivation _activation;
    private readonly Linear _fc1;
    private readonly Linear _fc2;

    public EncoderMlp(long hidden, long intermediate, HiddenActivation activation)
    {
        _activation = activation;
        _fc1 = RegisterModule("fc1", new Linear(hidden, intermediate));
        _fc2 = RegisterModule("fc2", new Linear(intermediate, hidden));
    }

    public Tensor Forward(Tensor hidden)
    {
        using var inner = _fc1.Forward(hidden);
        using var activated = Activations.Apply(_activation, inner);
        return _fc2.Forward(activated);
    }
}

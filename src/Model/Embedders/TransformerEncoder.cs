using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>HF's <c>encoder</c>: the stack <c>layers.N</c>.</summary>
internal sealed class TransformerEncoder : Module
{
    private readonly ModuleList<EncoderLayer> _layers;

    public TransformerEncoder(int layers, long hidden, long heads, long intermediate, HiddenActivation activation, double eps) =>
        _layers = RegisterModule("layers", new ModuleList<EncoderLayer>(
            Enumerable.Range(0, layers).Select(_ => new EncoderLayer(hidden, heads, intermediate, activation, eps))));

    public Tensor Forward(Tensor hidden, Tensor? additiveMask)
    {
        using var scope = new DisposeScope();
        var current = hidden;
        foreach (var layer in _layers)
        {
            current = layer.Forward(current, additiveMask);
        }
        return scope.MoveOut(ReferenceEquals(current, hidden) ? hidden.Alias() : current);
    }
}

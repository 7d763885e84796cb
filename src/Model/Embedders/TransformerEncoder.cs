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
        var current = hidden.Alias();
        foreach (var layer in _layers)
        {
            // Each layer's input is freed once the next is computed (see EncoderAttention.Forward).
            using var input = current;
            current = layer.Forward(input, additiveMask);
        }
        return current;
    }
}

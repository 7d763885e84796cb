using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Heads;

/// <summary>
/// BERT's masked-language-model head (HF <c>cls.predictions.transform.*</c> and <c>bias</c>): dense → GELU → LayerNorm, then
/// scores over the vocabulary through the word embeddings (tied, as BERT's decoder is) plus a bias.
/// </summary>
internal sealed class MaskedLanguageHead : Module<Tensor, Tensor>
{
    private readonly Linear _dense;
    private readonly LayerNorm _layerNorm;
    private readonly Tensor _wordEmbeddings;

    public MaskedLanguageHead(long hiddenSize, Tensor wordEmbeddings, double layerNormEps)
    {
        _wordEmbeddings = wordEmbeddings;
        _dense = RegisterModule("dense", new Linear(hiddenSize, hiddenSize));
        _layerNorm = RegisterModule("LayerNorm", new LayerNorm(hiddenSize, layerNormEps));
        Bias = RegisterParameter("bias", Tensors.Zeros([wordEmbeddings.Size(0)]));
    }

    public Tensor Bias { get; }

    /// <summary>(M, hidden) hidden states of masked positions to (M, vocabulary) logits.</summary>
    public override Tensor Forward(Tensor input)
    {
        using var scope = new DisposeScope();
        var x = _layerNorm.Forward(Functional.Gelu(_dense.Forward(input)));
        return scope.MoveOut(x.Matmul(_wordEmbeddings.T()) + Bias);
    }
}

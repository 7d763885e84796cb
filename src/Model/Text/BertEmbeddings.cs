using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Text;

/// <summary>Word + position + token-type embeddings, LayerNorm, dropout (HF <c>embeddings.*</c>).</summary>
internal sealed class BertEmbeddings : Module
{
    private readonly Embedding _word;
    private readonly Embedding _position;
    private readonly Embedding _tokenType;
    private readonly LayerNorm _layerNorm;
    private readonly Dropout _dropout;

    public BertEmbeddings(BertConfig config)
    {
        _word = RegisterModule("word_embeddings", new Embedding(config.VocabSize, config.HiddenSize, paddingIndex: 0));
        _position = RegisterModule("position_embeddings", new Embedding(config.MaxPositionEmbeddings, config.HiddenSize));
        _tokenType = RegisterModule("token_type_embeddings", new Embedding(config.TypeVocabSize, config.HiddenSize));
        _layerNorm = RegisterModule("LayerNorm", new LayerNorm(config.HiddenSize, config.LayerNormEps));
        _dropout = RegisterModule("dropout", new Dropout(config.HiddenDropoutProb));
    }

    /// <summary>The word embedding table (vocabulary, H), which a masked-language head's decoder shares.</summary>
    public Tensor WordEmbeddings => _word.Weight;

    /// <summary>(B, L) ids and token types to (B, L, H).</summary>
    public Tensor Forward(Tensor inputIds, Tensor? tokenTypeIds)
    {
        using var scope = new DisposeScope();
        var length = inputIds.Size(1);
        var positions = Tensors.Arange(0, length, device: inputIds.Device).Unsqueeze(0);
        var types = tokenTypeIds ?? Tensors.ZerosLike(inputIds);
        var x = _word.Forward(inputIds) + _position.Forward(positions) + _tokenType.Forward(types);
        return scope.MoveOut(_dropout.Forward(_layerNorm.Forward(x)));
    }
}

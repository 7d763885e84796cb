using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>HF's <c>text_model.embeddings</c>: <c>token_embedding</c> plus a learned <c>position_embedding</c>.</summary>
internal sealed class TextEmbeddings : Module
{
    private readonly Embedding _tokenEmbedding;
    private readonly Embedding _positionEmbedding;

    public TextEmbeddings(TextTowerConfig config)
    {
        _tokenEmbedding = RegisterModule("token_embedding", new Embedding(config.VocabSize, config.HiddenSize));
        _positionEmbedding = RegisterModule("position_embedding", new Embedding(config.MaxPositionEmbeddings, config.HiddenSize));
    }

    /// <summary>(B, L) ids to (B, L, H); L is at most the context length (checked by the caller).</summary>
    public Tensor Forward(Tensor ids)
    {
        using var scope = new DisposeScope();
        var positions = _positionEmbedding.Weight.Narrow(0, 0, ids.Size(1));
        return scope.MoveOut(_tokenEmbedding.Forward(ids) + positions);
    }
}

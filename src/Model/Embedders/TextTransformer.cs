using System.Globalization;
using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>
/// The text tower with HuggingFace's names (<c>text_model.*</c>): token and position embeddings, the
/// encoder (causal for CLIP, bidirectional for SigLIP), <c>final_layer_norm</c>, pooling at one position
/// (<see cref="TextPooling"/>), and SigLIP's <c>head</c> linear.
/// </summary>
internal sealed class TextTransformer : Module
{
    /// <summary>HF fills masked scores with float32's lowest value rather than -inf, so a fully masked row stays finite.</summary>
    private const double MaskedScore = float.MinValue;

    private readonly TextTowerConfig _config;
    private readonly TextEmbeddings _embeddings;
    private readonly TransformerEncoder _encoder;
    private readonly LayerNorm _finalNorm;
    private readonly Linear? _head;

    public TextTransformer(TextTowerConfig config)
    {
        _config = config;
        _embeddings = RegisterModule("embeddings", new TextEmbeddings(config));
        _encoder = RegisterModule("encoder", new TransformerEncoder(
            config.NumHiddenLayers, config.HiddenSize, config.NumAttentionHeads, config.IntermediateSize, config.HiddenAct, config.LayerNormEps));
        _finalNorm = RegisterModule("final_layer_norm", new LayerNorm(config.HiddenSize, config.LayerNormEps));
        _head = config.HeadSize is { } headSize ? RegisterModule("head", new Linear(config.HiddenSize, headSize)) : null;
    }

    /// <summary>(B, L) token ids, optional (B, L) attention mask (1 real, 0 padding), to the pooled (B, H) output.</summary>
    public Tensor Forward(Tensor ids, Tensor? attentionMask)
    {
        CheckInputs(ids, attentionMask);
        using var scope = new DisposeScope();
        var embedded = _embeddings.Forward(ids);
        var hidden = _finalNorm.Forward(_encoder.Forward(embedded, AdditiveMask(ids, attentionMask, embedded.Dtype)));
        var rows = Tensors.Arange(0, ids.Size(0), device: ids.Device);
        var pooled = _config.Pooling switch
        {
            TextPooling.ArgMaxId => hidden.Index(rows, ids.ArgMax(-1)),
            TextPooling.FirstEos => hidden.Index(rows, ids.Eq(_config.EosTokenId).To(ScalarType.Int64).ArgMax(-1)),
            _ => hidden.Select(1, -1),
        };
        return scope.MoveOut(_head is null ? pooled : _head.Forward(pooled));
    }

    /// <summary>The causal mask (CLIP) and the padding mask, added as HF adds them; null when neither applies.</summary>
    private Tensor? AdditiveMask(Tensor ids, Tensor? attentionMask, ScalarType dtype)
    {
        Tensor? mask = null;
        var length = ids.Size(1);
        if (_config.Causal)
        {
            var rows = Tensors.Arange(0, length, device: ids.Device).Unsqueeze(1);
            var columns = Tensors.Arange(0, length, device: ids.Device).Unsqueeze(0);
            mask = Tensors.Zeros([length, length], dtype, ids.Device).MaskedFill(columns.Gt(rows), MaskedScore);
        }
        if (attentionMask is not null)
        {
            var padding = attentionMask.Eq(0).Unsqueeze(1).Unsqueeze(2);
            var additive = Tensors.Zeros([ids.Size(0), 1, 1, length], dtype, ids.Device).MaskedFill(padding, MaskedScore);
            mask = mask is null ? additive : mask + additive;
        }
        return mask;
    }

    private void CheckInputs(Tensor ids, Tensor? attentionMask)
    {
        if (ids.Dim != 2 || ids.Size(1) == 0 || ids.Size(1) > _config.MaxPositionEmbeddings)
        {
            throw new ArgumentException(
                $"The text tower takes (batch, length) token ids with 1 <= length <= {_config.MaxPositionEmbeddings} (its context) but got " +
                $"[{string.Join(", ", ids.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]; truncate longer texts.", nameof(ids));
        }
        if (ids.Dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"Token ids must be Int64, not {ids.Dtype}.", nameof(ids));
        }
        if (attentionMask is not null && !attentionMask.Shape.SequenceEqual(ids.Shape))
        {
            throw new ArgumentException(
                $"The attention mask's shape [{string.Join(", ", attentionMask.Shape)}] differs from the ids' [{string.Join(", ", ids.Shape)}].", nameof(attentionMask));
        }
    }
}

using VideoLang.Model.Configuration;
using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Fusion;

/// <summary>
/// ClipBERT's visual input embedding: the frames of a clip fused over time (mean, or ordered with
/// per-frame temporal embeddings), plus learned row, column and token-type embeddings, LayerNorm
/// and dropout. Produces the visual tokens that join the text tokens in BERT.
/// </summary>
public sealed class VisualEmbeddings : Module
{
    private readonly TemporalFusion _fusion;
    private readonly Embedding _rows;
    private readonly Embedding _columns;
    private readonly Embedding _tokenType;
    private readonly Embedding? _temporal;
    private readonly LayerNorm _layerNorm;
    private readonly Dropout _dropout;

    public VisualEmbeddings(ClipBertConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var hidden = config.Bert.HiddenSize;
        _fusion = config.TemporalFusion;
        _rows = RegisterModule("row_position_embeddings", new Embedding(config.MaxGridSize, hidden));
        _columns = RegisterModule("col_position_embeddings", new Embedding(config.MaxGridSize, hidden));
        _tokenType = RegisterModule("token_type_embeddings", new Embedding(1, hidden));
        if (_fusion == TemporalFusion.Ordered)
        {
            _temporal = RegisterModule("temporal_position_embeddings", new Embedding(config.MaxFramesPerClip, hidden));
        }
        _layerNorm = RegisterModule("LayerNorm", new LayerNorm(hidden, config.Bert.LayerNormEps));
        _dropout = RegisterModule("dropout", new Dropout(config.Bert.HiddenDropoutProb));
    }

    /// <summary>(clips, T, hidden, h, w) grids to (clips, tokens, hidden) visual tokens.</summary>
    public Tensor Forward(Tensor grids)
    {
        using var scope = new DisposeScope();
        var (clips, frames, hidden, height, width) = (grids.Size(0), grids.Size(1), grids.Size(2), grids.Size(3), grids.Size(4));
        var device = grids.Device;
        var x = grids.Permute(0, 1, 3, 4, 2); // (clips, T, h, w, hidden)
        var rows = _rows.Forward(Tensors.Arange(0, height, device: device)).View(1, 1, height, 1, hidden);
        var columns = _columns.Forward(Tensors.Arange(0, width, device: device)).View(1, 1, 1, width, hidden);
        if (_temporal is null)
        {
            x = x.Mean(1, keepDim: true);
            frames = 1;
        }
        else
        {
            x += _temporal.Forward(Tensors.Arange(0, frames, device: device)).View(1, frames, 1, 1, hidden);
        }
        x = (x + rows + columns).Reshape(clips, frames * height * width, hidden);
        x += _tokenType.Forward(Tensors.Zeros([1], ScalarType.Int64, device));
        return scope.MoveOut(_dropout.Forward(_layerNorm.Forward(x)));
    }
}

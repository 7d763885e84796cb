using System.Globalization;
using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>
/// Patches to tokens (HF <c>vision_model.embeddings</c>): <c>patch_embedding</c> (a stride-patch conv,
/// biased only in SigLIP), CLIP's <c>class_embedding</c> token in front, and a learned
/// <c>position_embedding</c> per position.
/// </summary>
internal sealed class VisionEmbeddings : Module
{
    private readonly VisionTowerConfig _config;
    private readonly Tensor? _classEmbedding;
    private readonly Conv2d _patchEmbedding;
    private readonly Embedding _positionEmbedding;

    public VisionEmbeddings(VisionTowerConfig config, bool classToken)
    {
        _config = config;
        if (classToken)
        {
            using var scope = new DisposeScope();
            _classEmbedding = RegisterParameter("class_embedding", Tensors.Randn([config.HiddenSize]).Mul(0.02));
        }
        _patchEmbedding = RegisterModule("patch_embedding",
            new Conv2d(config.NumChannels, config.HiddenSize, config.PatchSize, stride: config.PatchSize, bias: !classToken));
        _positionEmbedding = RegisterModule("position_embedding", new Embedding(config.PatchCount + (classToken ? 1 : 0), config.HiddenSize));
    }

    /// <summary>(B, C, S, S) pixels to (B, positions, H) tokens.</summary>
    public Tensor Forward(Tensor pixels)
    {
        var shape = pixels.Shape;
        if (shape.Length != 4 || shape[1] != _config.NumChannels || shape[2] != _config.ImageSize || shape[3] != _config.ImageSize)
        {
            throw new ArgumentException(
                $"The vision tower takes (batch, {_config.NumChannels}, {_config.ImageSize}, {_config.ImageSize}) pixels but got " +
                $"[{string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]; resize frames to {_config.ImageSize}x{_config.ImageSize} " +
                "first (the position embeddings are not interpolated to other sizes).", nameof(pixels));
        }
        using var scope = new DisposeScope();
        var tokens = _patchEmbedding.Forward(pixels).Flatten(2).Transpose(1, 2);
        if (_classEmbedding is not null)
        {
            var classToken = _classEmbedding.To(tokens.Dtype).View(1, 1, -1).Expand(tokens.Size(0), 1, -1);
            tokens = Tensors.Cat([classToken, tokens], 1);
        }
        return scope.MoveOut(tokens + _positionEmbedding.Weight);
    }
}

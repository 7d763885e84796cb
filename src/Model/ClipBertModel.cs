using VideoLang.Model.Configuration;
using VideoLang.Model.Fusion;
using VideoLang.Model.Heads;
using VideoLang.Model.Text;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model;

/// <summary>
/// The ClipBERT-style network: a CNN turns each clip's frames into visual tokens, BERT attends
/// jointly over text tokens then visual tokens, and heads read the pooled [CLS]. The visual side
/// runs once per video (<see cref="VisualTokens"/>, cacheable); every text is then scored against
/// those tokens. A dual-encoder projection gives cheap embeddings for the first stage of search.
/// Parameter names: <c>cnn.backbone.*</c> (torchvision), <c>bert.*</c> (HuggingFace), heads by name.
/// </summary>
public sealed class ClipBertModel : Module
{
    private readonly VisualEncoder _cnn;
    private readonly VisualEmbeddings _visualEmbeddings;
    private readonly BertModel _bert;
    private readonly MlpHead _itm;
    private readonly MlpHead _choice;
    private readonly MlpHead? _qa;
    private readonly MlpHead? _tags;
    private readonly Linear _textProjection;
    private readonly Linear _videoProjection;
    private readonly Tensor? _pixelMean;

    public ClipBertModel(ClipBertConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        var hidden = config.Bert.HiddenSize;
        _cnn = RegisterModule("cnn", new VisualEncoder(config.Backbone, config.BackboneWidth, config.FrozenBatchNorm, hidden, config.GridPool, config.TemporalShift, config.GridTemporalShift,
            config.StrideInOneByOne));
        _visualEmbeddings = RegisterModule("visual_embeddings", new VisualEmbeddings(config));
        _bert = RegisterModule("bert", new BertModel(config.Bert));
        _itm = RegisterModule("itm_head", new MlpHead(hidden, 2));
        _choice = RegisterModule("choice_head", new MlpHead(hidden, 1));
        _qa = config.AnswerCount > 0 ? RegisterModule("qa_head", new MlpHead(hidden, config.AnswerCount)) : null;
        _tags = config.TagCount > 0 ? RegisterModule("tag_head", new MlpHead(hidden, config.TagCount)) : null;
        _textProjection = RegisterModule("text_projection", new Linear(hidden, config.EmbeddingSize, bias: false));
        _videoProjection = RegisterModule("video_projection", new Linear(hidden, config.EmbeddingSize, bias: false));
        // CLIP's initial temperature 1/0.07; SigLIP's bias starts at -10 so that few pairs look like matches.
        LogitScale = RegisterParameter("logit_scale", Tensor.FromArray([(float)Math.Log(1 / 0.07)]));
        LogitBias = RegisterParameter("logit_bias", Tensor.FromArray([-10f]));
        // Part of the weights, not the config: it is (3, S, S) numbers, and it moves to the GPU with the model.
        _pixelMean = config.Pixels.MeanImage ? RegisterBuffer("pixel_mean", Tensors.Zeros([3, config.ImageSize, config.ImageSize])) : null;
        InitializeTransformerWeights();
    }

    /// <summary>Standard deviation of BERT's initial weights (HF <c>initializer_range</c>).</summary>
    public const double InitializerRange = 0.02;

    public ClipBertConfig Config { get; }

    public VisualEncoder Cnn => _cnn;

    public BertModel Bert => _bert;

    public Tensor LogitScale { get; }

    public Tensor LogitBias { get; }

    /// <summary>
    /// BERT's initialisation for everything outside the CNN: weights N(0, 0.02), biases 0,
    /// LayerNorm 1 and 0 (HF <c>_init_weights</c>); PyTorch's layer defaults train a transformer from
    /// scratch noticeably slower. The CNN keeps torchvision's initialisation. Loading a checkpoint
    /// overwrites all of it.
    /// </summary>
    private void InitializeTransformerWeights()
    {
        using var noGrad = Torch.Autograd.GradMode.NoGrad();
        foreach (var (name, parameter) in NamedParameters())
        {
            if (name.StartsWith("cnn.", StringComparison.Ordinal) || name.StartsWith("logit_", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal))
            {
                continue;
            }
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                parameter.Zero_();
            }
            else
            {
                parameter.Normal_(0, InitializerRange);
            }
        }
    }

    /// <summary>uint8 (clips, T, S, S, 3) RGB frames to the CNN's input (clips, T, 3, S, S), normalised as the weights expect (<see cref="ClipBertConfig.Pixels"/>).</summary>
    public Tensor Normalize(Tensor rgb) => FramePreprocessor.Normalize(rgb, Config.Pixels, _pixelMean);

    /// <summary>(clips, T, 3, S, S) normalised pixels (<see cref="Normalize"/>) to (clips, tokens, hidden) visual tokens.</summary>
    public Tensor VisualTokens(Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var scope = new DisposeScope();
        var (clips, frames) = (pixels.Size(0), pixels.Size(1));
        var grids = _cnn.Forward(pixels.Flatten(0, 1), frames);
        var perClip = grids.View(clips, frames, grids.Size(1), grids.Size(2), grids.Size(3));
        return scope.MoveOut(_visualEmbeddings.Forward(perClip));
    }

    /// <summary>
    /// Joint text + visual pass: (B, L) token ids with their (B, L) mask against (B, tokens, hidden)
    /// visual tokens, to BERT's pooled output (B, hidden).
    /// </summary>
    public Tensor CrossPooled(Tensor inputIds, Tensor attentionMask, Tensor visualTokens, Tensor? tokenTypeIds = null)
    {
        using var scope = new DisposeScope();
        return scope.MoveOut(_bert.Pool(CrossEncode(inputIds, attentionMask, visualTokens, tokenTypeIds)));
    }

    /// <summary>The joint pass's hidden states (B, L + tokens, hidden): the text's positions first, then the visual tokens'.</summary>
    public Tensor CrossEncode(Tensor inputIds, Tensor attentionMask, Tensor visualTokens, Tensor? tokenTypeIds = null)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(attentionMask);
        ArgumentNullException.ThrowIfNull(visualTokens);
        using var scope = new DisposeScope();
        var text = _bert.Embed(inputIds, tokenTypeIds);
        var joint = Tensors.Cat([text, visualTokens.To(text.Dtype)], 1);
        var visualMask = Tensors.Ones([visualTokens.Size(0), visualTokens.Size(1)], attentionMask.Dtype, attentionMask.Device);
        var mask = Tensors.Cat([attentionMask, visualMask], 1);
        return scope.MoveOut(_bert.Encode(joint, mask));
    }

    /// <summary>Match / no-match logits (B, 2) for retrieval (ITM); index 1 is "match".</summary>
    public Tensor MatchLogits(Tensor pooled) => _itm.Forward(pooled);

    /// <summary>A score (B, 1) for one "question + option" of a multiple-choice question.</summary>
    public Tensor ChoiceLogits(Tensor pooled) => _choice.Forward(pooled);

    /// <summary>Logits over the answer vocabulary (B, answers).</summary>
    public Tensor AnswerLogits(Tensor pooled) =>
        (_qa ?? throw new InvalidOperationException("This model has no QA head (config AnswerCount is 0).")).Forward(pooled);

    /// <summary>Multi-label logits over the tag vocabulary (B, tags).</summary>
    public Tensor TagLogits(Tensor pooled) =>
        (_tags ?? throw new InvalidOperationException("This model has no tag head (config TagCount is 0).")).Forward(pooled);

    /// <summary>Dual encoder, text side: a text-only BERT pass, [CLS] projected and L2-normalised (B, embedding).</summary>
    public Tensor TextEmbedding(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = new DisposeScope();
        var hidden = _bert.Encode(_bert.Embed(inputIds), attentionMask);
        return scope.MoveOut(Functional.Normalize(_textProjection.Forward(hidden.Select(1, 0)), dim: 1));
    }

    /// <summary>Dual-encoder similarities of text and video embeddings (texts, videos) as logits, on the scale contrastive training learnt.</summary>
    public Tensor SimilarityLogits(Tensor textEmbeddings, Tensor videoEmbeddings)
    {
        ArgumentNullException.ThrowIfNull(textEmbeddings);
        ArgumentNullException.ThrowIfNull(videoEmbeddings);
        using var scale = LogitScale.Exp();
        return textEmbeddings.Matmul(videoEmbeddings.T()) * scale;
    }

    /// <summary>Dual encoder, video side: visual tokens (videos, clips, tokens, hidden) mean-pooled, projected and normalised (videos, embedding).</summary>
    public Tensor VideoEmbedding(Tensor visualTokens)
    {
        using var scope = new DisposeScope();
        var pooled = visualTokens.Mean([1, 2]);
        return scope.MoveOut(Functional.Normalize(_videoProjection.Forward(pooled), dim: 1));
    }
}

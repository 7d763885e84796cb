using VideoLang.Model.Checkpoints;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Heads;
using VideoLang.Model.Training;
using VideoLang.Model.Vision;
using VideoLang.Sampler.Decoding;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;

namespace VideoLang.Model.Inference;

/// <summary>
/// Inference with a trained model: encode a video once (<see cref="Encode"/>), then match texts,
/// answer questions and tag it from the cached features. Every result keeps its clip evidence.
/// Runs in inference mode on the calling thread: keep one predictor per thread (or per device runner).
/// </summary>
public sealed class ClipBertPredictor(ClipBertModel model, Func<string, IReadOnlyList<int>> encodeText,
    LabelVocabulary? answers = null, LabelVocabulary? tags = null, Consensus consensus = Consensus.LogSumExp, Device? device = null)
{
    private readonly Device _device = device ?? Device.Cpu;
    private double? _similarityScale;

    public ClipBertModel Model { get; } = model;

    public Consensus Consensus { get; } = consensus;

    /// <summary>Runs the CNN over the decoded clips once: visual tokens, clip ranges and the video embedding.</summary>
    public VideoFeatures Encode(ClipBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        var tokens = Model.VisualTokens(Model.Normalize(FramePreprocessor.Raw(batch.Pixels, batch.ClipCount, batch.FramesPerClip, batch.FrameSize, _device)));
        var embedding = Model.VideoEmbedding(tokens.Unsqueeze(0)).To(Device.Cpu).ToArray<float>();
        var clips = batch.Clips.Select(c => new ClipSpan(c.Index, c.StartSeconds, c.EndSeconds)).ToArray();
        return new VideoFeatures(scope.MoveOut(tokens), clips, embedding);
    }

    /// <summary>The normalised dual-encoder embedding of a text (compare with <see cref="VideoFeatures.Embedding"/> by dot product).</summary>
    public float[] TextEmbedding(string text)
    {
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        using var batch = TextBatch.From([encodeText(text)], _device);
        return Model.TextEmbedding(batch.Ids, batch.Mask).To(Device.Cpu).ToArray<float>();
    }

    /// <summary>
    /// The factor that turns a dual-encoder similarity (a dot product of <see cref="TextEmbedding"/> and
    /// a video's embedding) into a logit on the scale contrastive training learnt: what two-stage
    /// search adds to the cross-encoder's match score. Read once; the model does not change.
    /// </summary>
    public double SimilarityScale => _similarityScale ??= ReadSimilarityScale();

    private double ReadSimilarityScale()
    {
        using var inference = InferenceMode.Enter();
        using var scale = Model.LogitScale.Exp();
        return scale.Item<float>();
    }

    /// <summary>Cross-encoder match of one text against several videos (the re-ranking stage of search); score = logit(match) − logit(no match).</summary>
    public IReadOnlyList<ScoredLabel> Match(string text, IReadOnlyList<VideoFeatures> videos)
    {
        ArgumentNullException.ThrowIfNull(videos);
        var results = new ScoredLabel[videos.Count];
        // Videos with the same number of clips are scored in one batch.
        foreach (var group in Enumerable.Range(0, videos.Count).GroupBy(i => videos[i].Clips.Count))
        {
            using var scope = new DisposeScope();
            using var inference = InferenceMode.Enter();
            var members = group.ToArray();
            var clips = group.Key;
            using var batch = TextBatch.From(Enumerable.Repeat(encodeText(text), members.Length).ToArray(), _device);
            var tokens = Tensors.Stack(members.Select(i => videos[i].Tokens).ToArray());
            var clipScores = CrossScoring.MatchScores(Model, batch, tokens).To(Device.Cpu).ToArray<float>();
            var videoScores = CrossScoring.Aggregate(Tensor.FromArray(clipScores, [members.Length, clips]), Consensus).ToArray<float>();
            for (var k = 0; k < members.Length; k++)
            {
                results[members[k]] = new ScoredLabel(text, videoScores[k], Consensus, Evidence(videos[members[k]], clipScores.AsSpan(k * clips, clips)));
            }
        }
        return results;
    }

    /// <summary>Open-ended QA: the top answers with their probability and each clip's probability for them.</summary>
    public IReadOnlyList<ScoredLabel> Answer(VideoFeatures video, string question, int top = 3)
    {
        var vocabulary = answers ?? throw new InvalidOperationException("This model has no answer vocabulary.");
        return TopLabels(video, question, Model.AnswerLogits, vocabulary, top, softmax: true);
    }

    /// <summary>Multiple choice: each "question + option" scored by the choice head; options ranked best first.</summary>
    public IReadOnlyList<ScoredLabel> Choose(VideoFeatures video, string question, IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(options);
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        using var batch = TextBatch.From(options.Select(o => encodeText($"{question} {o}")).ToArray(), _device);
        var tokens = video.Tokens.Unsqueeze(0).Expand(options.Count, -1, -1, -1);
        var clipScores = CrossScoring.ClipLogits(Model, batch, tokens, Model.ChoiceLogits).Squeeze(2).To(Device.Cpu).ToArray<float>();
        var scores = CrossScoring.Aggregate(Tensor.FromArray(clipScores, [options.Count, video.Clips.Count]), Consensus).ToArray<float>();
        return Enumerable.Range(0, options.Count)
            .Select(i => new ScoredLabel(options[i], scores[i], Consensus, Evidence(video, clipScores.AsSpan(i * video.Clips.Count, video.Clips.Count))))
            .OrderByDescending(r => r.Score).ToArray();
    }

    /// <summary>Multi-label tags whose sigmoid probability reaches <paramref name="threshold"/>, best first.</summary>
    public IReadOnlyList<ScoredLabel> Tags(VideoFeatures video, double threshold = 0.5)
    {
        var vocabulary = tags ?? throw new InvalidOperationException("This model has no tag vocabulary.");
        return TopLabels(video, "", Model.TagLogits, vocabulary, vocabulary.Count, softmax: false).Where(t => t.Score >= threshold).ToArray();
    }

    /// <summary>Zero-shot tags: each label put into <paramref name="template"/> and scored by image-text matching; sigmoid of the match score.</summary>
    public IReadOnlyList<ScoredLabel> ZeroShotTags(VideoFeatures video, IReadOnlyList<string> labels, string template = "a video of {0}")
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Select(label =>
        {
            var match = Match(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, label), [video])[0];
            return match with { Label = label, Score = Sigmoid(match.Score) };
        }).OrderByDescending(t => t.Score).ToArray();
    }

    private IReadOnlyList<ScoredLabel> TopLabels(VideoFeatures video, string text, Func<Tensor, Tensor> head, LabelVocabulary vocabulary, int top, bool softmax)
    {
        ArgumentNullException.ThrowIfNull(video);
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        using var batch = TextBatch.From([encodeText(text)], _device);
        var clipLogits = CrossScoring.ClipLogits(Model, batch, video.Tokens.Unsqueeze(0), head); // (1, clips, labels)
        var videoLogits = ClipConsensus.Aggregate(clipLogits, Consensus).Squeeze(0);
        var videoProbabilities = (softmax ? Softmax(videoLogits) : videoLogits.Sigmoid()).To(Device.Cpu).ToArray<float>();
        var clipProbabilities = (softmax ? Softmax(clipLogits.Squeeze(0)) : clipLogits.Squeeze(0).Sigmoid()).To(Device.Cpu).ToArray<float>();
        var labels = vocabulary.Count;
        return Enumerable.Range(0, labels).OrderByDescending(i => videoProbabilities[i]).Take(top)
            .Select(i => new ScoredLabel(vocabulary.Labels[i], videoProbabilities[i], Consensus,
                Evidence(video, Enumerable.Range(0, video.Clips.Count).Select(c => clipProbabilities[(c * labels) + i]).ToArray())))
            .ToArray();

        static Tensor Softmax(Tensor logits) => Torch.NN.Functional.Softmax(logits, -1);
    }

    private static ClipEvidence[] Evidence(VideoFeatures video, ReadOnlySpan<float> scores)
    {
        var evidence = new ClipEvidence[video.Clips.Count];
        for (var c = 0; c < evidence.Length; c++)
        {
            var clip = video.Clips[c];
            evidence[c] = new ClipEvidence(clip.Clip, clip.StartSeconds, clip.EndSeconds, scores[c]);
        }
        return evidence;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}

using VideoLang.Model.Heads;
using VideoLang.Model.Training;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;

namespace VideoLang.Model.Evaluation;

/// <summary>Held-out evaluation: text→video retrieval (cross-encoder, dual encoder or both), and QA accuracy.</summary>
public static class Evaluator
{
    /// <summary>Visual tokens of every video from all its cached clips: (videos, clips, tokens, hidden).</summary>
    public static Tensor VisualTokens(ClipBertModel model, IReadOnlyList<DecodedVideo> videos, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        var perVideo = videos.Select(v => model.VisualTokens(model.Normalize(v.Pixels.To(device ?? Device.Cpu)))).ToArray();
        return scope.MoveOut(Tensors.Stack(perVideo));
    }

    /// <summary>
    /// Each video's first caption queries all videos. A query counts as found at the best rank of
    /// any video whose captions include it (two scenes can share a caption).
    /// </summary>
    public static RetrievalMetrics Retrieval(ClipBertModel model, TrainingSet data, Consensus consensus = Consensus.LogSumExp, Device? device = null,
        RetrievalScoring scoring = RetrievalScoring.CrossEncoder)
    {
        var scores = CaptionScores(model, data, scoring, consensus, device);
        var ranks = new List<int>();
        for (var q = 0; q < data.Count; q++)
        {
            if (scores[q] is not { } row)
            {
                continue;
            }
            var caption = data.Examples[q].Captions[0];
            var best = Enumerable.Range(0, data.Count).Where(v => data.Examples[v].Captions.Contains(caption)).Max(v => row[v]);
            ranks.Add(1 + row.Count(s => s > best));
        }
        return RetrievalMetrics.FromRanks(ranks, data.Count);
    }

    /// <summary>
    /// Each video's first caption (a row; null for a video without captions) scored against every
    /// video (the columns) by <paramref name="scoring"/>.
    /// </summary>
    public static float[]?[] CaptionScores(ClipBertModel model, TrainingSet data, RetrievalScoring scoring, Consensus consensus = Consensus.LogSumExp,
        Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.Eval();
        using var scope = new DisposeScope();
        var tokens = VisualTokens(model, data.Videos, device);
        using var inference = InferenceMode.Enter();
        var videoEmbeddings = scoring == RetrievalScoring.CrossEncoder ? null : model.VideoEmbedding(tokens);
        var rows = new float[]?[data.Count];
        for (var q = 0; q < data.Count; q++)
        {
            if (data.Examples[q].Captions.Count > 0)
            {
                using var step = new DisposeScope();
                rows[q] = Scores(model, data.EncodeText(data.Examples[q].Captions[0]), tokens, videoEmbeddings, consensus, scoring, device);
            }
        }
        return rows;
    }

    /// <summary>One caption's score against every video, by <paramref name="scoring"/>.</summary>
    private static float[] Scores(ClipBertModel model, IReadOnlyList<int> caption, Tensor tokens, Tensor? videoEmbeddings, Consensus consensus,
        RetrievalScoring scoring, Device? device)
    {
        var videos = (int)tokens.Size(0);
        var scores = new float[videos];
        if (scoring != RetrievalScoring.CrossEncoder)
        {
            using var one = TextBatch.From([caption], device);
            scores = model.SimilarityLogits(model.TextEmbedding(one.Ids, one.Mask), videoEmbeddings!).To(Device.Cpu).ToArray<float>();
        }
        if (scoring != RetrievalScoring.DualEncoder)
        {
            using var text = TextBatch.From(Enumerable.Repeat(caption, videos).ToArray(), device);
            var match = CrossScoring.Aggregate(CrossScoring.MatchScores(model, text, tokens), consensus).To(Device.Cpu).ToArray<float>();
            for (var v = 0; v < videos; v++)
            {
                scores[v] += match[v];
            }
        }
        return scores;
    }

    /// <summary>Share of questions whose top answer is right (questions whose answer is outside the vocabulary count as wrong).</summary>
    public static double QuestionAnsweringAccuracy(ClipBertModel model, TrainingSet data, Consensus consensus = Consensus.LogSumExp, Device? device = null, Func<QaItem, bool>? filter = null)
    {
        var answered = Answers(model, data, consensus, device, filter);
        return answered.Count == 0 ? double.NaN : answered.Count(a => a.Predicted == a.Question.Answer) / (double)answered.Count;
    }

    /// <summary>Each question (of those <paramref name="filter"/> keeps) with the model's top answer, video by video.</summary>
    public static IReadOnlyList<(QaItem Question, string Predicted)> Answers(ClipBertModel model, TrainingSet data, Consensus consensus = Consensus.LogSumExp, Device? device = null, Func<QaItem, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.Eval();
        using var scope = new DisposeScope();
        var tokens = VisualTokens(model, data.Videos, device);
        using var inference = InferenceMode.Enter();
        var answered = new List<(QaItem, string)>();
        for (var v = 0; v < data.Count; v++)
        {
            var questions = data.Examples[v].Questions.Where(q => filter?.Invoke(q) ?? true).ToArray();
            if (questions.Length == 0)
            {
                continue;
            }
            using var step = new DisposeScope();
            using var text = TextBatch.From(questions.Select(q => data.EncodeText(q.Question)).ToArray(), device);
            var videoTokens = tokens.Narrow(0, v, 1).Expand(questions.Length, -1, -1, -1);
            var logits = ClipConsensus.Aggregate(CrossScoring.ClipLogits(model, text, videoTokens, model.AnswerLogits), consensus);
            var predicted = logits.ArgMax(1).To(Device.Cpu).ToArray<long>();
            answered.AddRange(questions.Select((q, k) => (q, data.Answers.Labels[(int)predicted[k]])));
        }
        return answered;
    }
}

using VideoLang.Model.Heads;
using VideoLang.Model.Training;
using VideoLang.Torch;

namespace VideoLang.Model.Evaluation;

/// <summary>Cross-encoder scoring of texts against the cached visual tokens of videos, clip by clip.</summary>
public static class CrossScoring
{
    /// <summary>
    /// Each of <paramref name="texts"/> against the matching video's clips: <paramref name="tokens"/> is
    /// (texts, clips, visual tokens, hidden). Returns per-clip head outputs (texts, clips, outputs).
    /// </summary>
    public static Tensor ClipLogits(ClipBertModel model, TextBatch texts, Tensor tokens, Func<Tensor, Tensor> head)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(head);
        using var scope = new DisposeScope();
        var (count, clips) = (tokens.Size(0), tokens.Size(1));
        using var repeated = texts.RepeatEach(clips);
        var pooled = model.CrossPooled(repeated.Ids, repeated.Mask, tokens.Flatten(0, 1));
        var logits = head(pooled);
        return scope.MoveOut(logits.View(count, clips, -1));
    }

    /// <summary>The match score (logit of "match" minus "no match") of every clip; (texts, clips).</summary>
    public static Tensor MatchScores(ClipBertModel model, TextBatch texts, Tensor tokens)
    {
        using var scope = new DisposeScope();
        var logits = ClipLogits(model, texts, tokens, model.MatchLogits);
        return scope.MoveOut(logits.Select(2, 1) - logits.Select(2, 0));
    }

    /// <summary>Video-level scores from clip scores (texts, clips) by <paramref name="consensus"/>.</summary>
    public static Tensor Aggregate(Tensor clipScores, Consensus consensus)
    {
        using var expanded = clipScores.Unsqueeze(2);
        using var aggregated = ClipConsensus.Aggregate(expanded, consensus);
        return aggregated.Squeeze(1);
    }
}

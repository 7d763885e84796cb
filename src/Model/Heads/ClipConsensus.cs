using VideoLang.Torch;

namespace VideoLang.Model.Heads;

/// <summary>Aggregates per-clip logits (videos, clips, outputs) into per-video logits (videos, outputs).</summary>
public static class ClipConsensus
{
    public static Tensor Aggregate(Tensor clipLogits, Consensus consensus)
    {
        ArgumentNullException.ThrowIfNull(clipLogits);
        if (clipLogits.Dim != 3)
        {
            throw new ArgumentException($"Clip logits must be (videos, clips, outputs); got [{string.Join(", ", clipLogits.Shape)}].", nameof(clipLogits));
        }
        return consensus switch
        {
            Consensus.Mean => clipLogits.Mean(1),
            Consensus.Max => MaxOverClips(clipLogits),
            // LogSumExp minus log N (log-mean-exp): the same clip logits mean the same for any number of
            // clips. Softmax losses cannot tell the difference, but sigmoid outputs (tags) trained on
            // N_train clips were all pushed up by log(N_test / N_train) at inference without it.
            Consensus.LogSumExp => clipLogits.LogSumExp(1).Sub(Math.Log(clipLogits.Size(1))),
            _ => throw new ArgumentOutOfRangeException(nameof(consensus), consensus, "Unknown consensus."),
        };
    }

    private static Tensor MaxOverClips(Tensor clipLogits)
    {
        var (values, indices) = clipLogits.Max(1);
        indices.Dispose();
        return values;
    }
}

namespace VideoLang.Jobs.Inference.Embedding;

/// <summary>
/// How an embedder's text-to-clip cosine becomes a score a user can threshold (docs/real-models.md, "Scores").
/// SigLIP was trained with a sigmoid per pair, so its own <see cref="Scale"/> and <see cref="Bias"/> give a
/// real match probability. CLIP-family cosines (and ClipBERT's dual encoder) have no such meaning: a cosine
/// of 0.3 is a match for one model and noise for another. Those are scored against a null distribution:
/// the clip's cosines with a bank of unrelated captions (<see cref="NullCaptions"/>), which gives how many of
/// the null's standard deviations the query sits above its mean (z, as query-bank normalisation does), read
/// through sigmoid(<see cref="NullSlope"/> · (z − <see cref="NullOffset"/>)).
/// </summary>
public sealed record ScoreCalibration(bool Sigmoid, double Scale, double Bias)
{
    /// <summary>A query three standard deviations above the clip's null scores 0.5.</summary>
    public const double NullOffset = 3;

    /// <summary>Each further standard deviation multiplies the odds by e².</summary>
    public const double NullSlope = 2;

    /// <summary>Scored against the bank of unrelated captions.</summary>
    public static ScoreCalibration NullBank { get; } = new(false, 1, 0);

    /// <summary>The key a clip is ranked by: the cosine for SigLIP, z for the null bank (NaN when the clip has no null statistics).</summary>
    public double RankKey(double cosine, double? nullMean, double? nullStd) => Sigmoid
        ? cosine
        : nullMean is { } mean && nullStd is { } std ? (cosine - mean) / Math.Max(std, 1e-6) : double.NaN;

    /// <summary>The score in [0, 1] of a rank key from <see cref="RankKey"/>.</summary>
    public double Score(double rankKey) => Sigmoid
        ? Logistic(Scale * rankKey + Bias)
        : double.IsNaN(rankKey) ? 0 : Logistic(NullSlope * (rankKey - NullOffset));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}

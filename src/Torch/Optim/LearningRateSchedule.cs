namespace VideoLang.Torch.Optim;

/// <summary>
/// Linear warm-up from 0 to the base rate over the first steps, then linear or cosine decay to 0 at
/// <see cref="TotalSteps"/> (ClipBERT: 10% warm-up, linear decay).
/// </summary>
public sealed class LearningRateSchedule
{
    public LearningRateSchedule(long totalSteps, long warmupSteps, LearningRateDecay decay = LearningRateDecay.Linear)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSteps, totalSteps);
        (TotalSteps, WarmupSteps, Decay) = (totalSteps, warmupSteps, decay);
    }

    public long TotalSteps { get; }

    public long WarmupSteps { get; }

    public LearningRateDecay Decay { get; }

    /// <summary>A schedule warming up over <paramref name="warmupFraction"/> of the steps.</summary>
    public static LearningRateSchedule WithWarmupFraction(long totalSteps, double warmupFraction = 0.1, LearningRateDecay decay = LearningRateDecay.Linear) =>
        new(totalSteps, (long)Math.Round(totalSteps * warmupFraction), decay);

    /// <summary>The multiplier of the base rate for the step about to be taken (0-based).</summary>
    public double Factor(long step)
    {
        if (step < WarmupSteps)
        {
            return (double)(step + 1) / WarmupSteps;
        }
        var progress = Math.Clamp((double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps), 0, 1);
        return Decay == LearningRateDecay.Linear ? 1 - progress : 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    /// <summary>Sets each group's rate for <paramref name="step"/>.</summary>
    public void Apply(AdamW optimizer, long step)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var factor = Factor(step);
        foreach (var group in optimizer.Groups)
        {
            group.LearningRate = group.BaseLearningRate * factor;
        }
    }
}

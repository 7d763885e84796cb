namespace VideoLang.Sampler.Planning;

/// <summary>Where clip starts come from.</summary>
public enum SamplingMode
{
    /// <summary>Starts drawn at random from a seeded generator (a fresh view of the video every epoch).</summary>
    Training,

    /// <summary>Starts spread uniformly over the video; one clip takes the middle.</summary>
    Inference,
}

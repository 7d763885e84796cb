namespace VideoLang.Model.Training;

/// <summary>What training does with a video that could not be decoded on two tries.</summary>
public enum UnreadableVideos
{
    /// <summary>Decode the rest, then stop with <see cref="TrainingDataException"/> listing every failed file.</summary>
    Fail,

    /// <summary>Leave those examples out, list them, and train on the rest.</summary>
    Skip,
}

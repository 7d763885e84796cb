namespace VideoLang.Model.Training;

/// <summary>A training video that could not be decoded, and why (the last try's error, and the first's if it differed).</summary>
public sealed record TrainingVideoFailure(string Path, string Reason);

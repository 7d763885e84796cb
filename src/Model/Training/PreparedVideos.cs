namespace VideoLang.Model.Training;

/// <summary>Training examples with their decoded videos, index for index, and the examples left out because their video failed.</summary>
public sealed record PreparedVideos(IReadOnlyList<TrainingExample> Examples, IReadOnlyList<DecodedVideo> Videos, IReadOnlyList<TrainingVideoFailure> Skipped);

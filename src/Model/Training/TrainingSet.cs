using VideoLang.Model.Checkpoints;

namespace VideoLang.Model.Training;

/// <summary>Examples with their decoded clips, the text encoder, and the label vocabularies the heads predict.</summary>
public sealed class TrainingSet(
    IReadOnlyList<TrainingExample> examples,
    IReadOnlyList<DecodedVideo> videos,
    Func<string, IReadOnlyList<int>> encodeText,
    LabelVocabulary answers,
    LabelVocabulary tags)
{
    public IReadOnlyList<TrainingExample> Examples { get; } = examples.Count == videos.Count
        ? examples
        : throw new ArgumentException($"{examples.Count} examples but {videos.Count} decoded videos.", nameof(videos));

    public IReadOnlyList<DecodedVideo> Videos { get; } = videos;

    public Func<string, IReadOnlyList<int>> EncodeText { get; } = encodeText;

    public LabelVocabulary Answers { get; } = answers;

    public LabelVocabulary Tags { get; } = tags;

    /// <summary>The vocabulary's [MASK] id, which masked language modelling needs; null without it.</summary>
    public int? MaskTokenId { get; init; }

    public int Count => Examples.Count;
}

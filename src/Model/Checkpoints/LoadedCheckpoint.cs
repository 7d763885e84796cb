namespace VideoLang.Model.Checkpoints;

/// <summary>A checkpoint read from disk: the model (in eval mode) and its vocabularies. Disposing frees the model.</summary>
public sealed record LoadedCheckpoint(string Directory, ClipBertModel Model, string VocabularyPath, LabelVocabulary? Answers, LabelVocabulary? Tags) : IDisposable
{
    public void Dispose() => Model.Dispose();
}

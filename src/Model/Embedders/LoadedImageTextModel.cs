namespace VideoLang.Model.Embedders;

/// <summary>An embedder checkpoint read from disk: the model (in eval mode) and its tokenizer files. Disposing frees the model.</summary>
public sealed record LoadedImageTextModel(string Directory, ImageTextModel Model, IReadOnlyList<string> TokenizerFiles) : IDisposable
{
    public ImageTextConfig Config => Model.Config;

    public void Dispose() => Model.Dispose();
}

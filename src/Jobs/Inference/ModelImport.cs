using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Inference;

/// <summary>What <see cref="ModelImporter.ImportAsync"/> did: the registered model, the format it found, the folder it wrote (null when the folder was already ours) and the report of every tensor.</summary>
public sealed record ModelImport(ModelRecord Model, string Format, string? ConvertedTo, string Report);

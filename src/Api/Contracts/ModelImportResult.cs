namespace VideoLang.Api.Contracts;

/// <summary>The registered model, the format found, the folder written (null when it was already a VideoLang checkpoint) and the report of every tensor.</summary>
public sealed record ModelImportResult(ModelSummary Model, string Format, string? ConvertedTo, string Report);

namespace VideoLang.Api.Contracts;

/// <summary>
/// Import a model already on the server's disk: a model folder (HF CLIP/SigLIP, open_clip, a VideoLang
/// checkpoint) or ClipBERT's released <c>.pt</c> with BERT's <c>vocabulary</c>; registered as
/// <c>name</c> (default the folder's name), activated in every role its kind serves when <c>activate</c>.
/// </summary>
public sealed record ModelImportRequest(string? Path, string? Name = null, bool Activate = false, string? Vocabulary = null);

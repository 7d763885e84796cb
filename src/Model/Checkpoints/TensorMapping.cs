namespace VideoLang.Model.Checkpoints;

/// <summary>One imported tensor: its name in the source file and the model parameter or buffer it filled.</summary>
public sealed record TensorMapping(string Source, string Target);

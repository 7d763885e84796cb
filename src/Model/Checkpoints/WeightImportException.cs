namespace VideoLang.Model.Checkpoints;

/// <summary>
/// Published weights that cannot become a checkpoint: a file that is not safetensors or a readable torch.save file, an
/// unrecognised layout, or tensors whose shapes do not fit (all listed in <see cref="Mismatches"/>).
/// The message names the file and what to do; nothing has been written when it is thrown.
/// </summary>
public sealed class WeightImportException : Exception
{
    public WeightImportException(string message)
        : base(message)
    {
    }

    public WeightImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WeightImportException(string message, IReadOnlyList<ShapeMismatch> mismatches)
        : base(message) => Mismatches = mismatches;

    public WeightImportException()
    {
    }

    /// <summary>Every tensor whose shape did not fit; empty for other failures.</summary>
    public IReadOnlyList<ShapeMismatch> Mismatches { get; } = [];
}

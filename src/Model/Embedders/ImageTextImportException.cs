using VideoLang.Model.Checkpoints;

namespace VideoLang.Model.Embedders;

/// <summary>
/// A model folder that cannot be imported: unknown format, a config field that is wrong or names an
/// architecture we do not implement, a truncated or corrupt weights file, or tensors that do not fit
/// the config (listed in <see cref="Missing"/>, <see cref="Unexpected"/> and <see cref="Mismatches"/>).
/// The message names the file and the field or tensor; nothing has been written when it is thrown.
/// </summary>
public sealed class ImageTextImportException : Exception
{
    public ImageTextImportException(string message)
        : base(message)
    {
    }

    public ImageTextImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImageTextImportException()
    {
    }

    internal ImageTextImportException(string message, ImageTextImportReport report)
        : base(message)
    {
        Missing = report.Missing;
        Unexpected = report.Unexpected;
        Mismatches = report.Mismatches;
    }

    /// <summary>Model tensors the weights file does not hold.</summary>
    public IReadOnlyList<string> Missing { get; } = [];

    /// <summary>Tensors of the weights file that fit no model tensor (another architecture or an option we do not implement).</summary>
    public IReadOnlyList<string> Unexpected { get; } = [];

    /// <summary>Tensors whose shape differs from what the config makes.</summary>
    public IReadOnlyList<ShapeMismatch> Mismatches { get; } = [];
}

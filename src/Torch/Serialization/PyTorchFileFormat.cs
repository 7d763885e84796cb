namespace VideoLang.Torch.Serialization;

/// <summary>The two layouts <c>torch.save</c> has written.</summary>
public enum PyTorchFileFormat
{
    /// <summary>torch &gt;= 1.6: a zip archive of <c>data.pkl</c> and one stored entry per storage.</summary>
    Zip,

    /// <summary>torch &lt; 1.6 (or <c>_use_new_zipfile_serialization=False</c>): pickles followed by each storage's raw bytes.</summary>
    Legacy,
}

namespace VideoLang.Jobs.Store;

/// <summary>A registered model checkpoint folder; exactly one is active and used by workers for new work.</summary>
public sealed class ModelRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Path { get; set; }

    /// <summary>The checkpoint's weights checksum (model.sha256), to notice a folder changed under us.</summary>
    public required string Checksum { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

namespace VideoLang.Jobs.Store;

/// <summary>What a background job does.</summary>
public enum JobKind
{
    Ingest,
    QaBatch,
}

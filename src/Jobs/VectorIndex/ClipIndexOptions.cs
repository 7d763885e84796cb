namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// Settings of the in-process index over clip embeddings (bound from the <c>Search:Index</c>
/// configuration section). The build settings were measured on this project's 2-core machine under
/// load (docs/search-index.md): USearch's default insertion breadth (128) cost about 1.8 ms a vector,
/// 48 about 0.15 ms, with the true top ten still among the index's candidates.
/// </summary>
public sealed class ClipIndexOptions
{
    public const string Section = "Search:Index";

    /// <summary>Keep an index at all; off, every search scans PostgreSQL. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Storage per dimension inside the index; scores shown to users are always exact. Default Float16 (a million 512-d clips in about 1.7 GB).</summary>
    public IndexQuantization Quantization { get; set; } = IndexQuantization.Float16;

    /// <summary>HNSW edges per node (M). Default 16.</summary>
    public int Connectivity { get; set; } = 16;

    /// <summary>Candidates considered while inserting (efConstruction). Default 48.</summary>
    public int ExpansionAdd { get; set; } = 48;

    /// <summary>Candidates considered while searching (ef). Default 128.</summary>
    public int ExpansionSearch { get; set; } = 128;

    /// <summary>Concurrent index calls (USearch thread slots); more wait. Default: the number of cores.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>A tenant's clips of one model below this count are scanned exactly instead (faster when few). Default 5,000.</summary>
    public int MinClips { get; set; } = 5_000;

    /// <summary>Nearest clips the index proposes per query; search scores them exactly and groups them into results. Default 1,000.</summary>
    public int Candidates { get; set; } = 1_000;

    /// <summary>How often the index reads new, changed and deleted clip embeddings from PostgreSQL. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where the index is saved so a restart need not rebuild it; null keeps it in memory only. Default null.</summary>
    public string? Directory { get; set; }

    /// <summary>Checks the settings; throws naming the one that is wrong.</summary>
    public void Validate()
    {
        if (Connectivity is < 2 or > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(Connectivity), Connectivity, "Search:Index:Connectivity must be between 2 and 128 (16 is usual).");
        }
        if (ExpansionAdd is < 8 or > 1024 || ExpansionSearch is < 8 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpansionAdd), "Search:Index:ExpansionAdd must be between 8 and 1024 and ExpansionSearch between 8 and 4096.");
        }
        if (Threads < 1 || MinClips < 0 || Candidates is < 10 or > 20_000 || PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), "Search:Index:Threads must be at least 1, MinClips at least 0, Candidates between 10 and 20,000 and PollInterval positive.");
        }
    }
}

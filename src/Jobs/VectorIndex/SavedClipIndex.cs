namespace VideoLang.Jobs.VectorIndex;

/// <summary>What a saved index's sidecar says: whose clips, which database rows it had read (up to <paramref name="Watermark"/>), and how it was built.</summary>
internal sealed record SavedClipIndex(int Version, ClipIndexKey Key, int Dimensions, IndexQuantization Quantization, long Watermark, int Count, string IndexPath, string KeysPath, string SidecarPath);

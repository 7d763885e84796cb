using VideoLang.Model.Inference;

namespace VideoLang.Jobs.Ingest;

/// <summary>What the cross-encoder produced for a video, copied off the device: per-clip float16 tokens, its dual-encoder video embedding and the tags.</summary>
internal sealed record EncodedVideo(byte[][] ClipTokens, int TokenCount, int TokenWidth, float[] Embedding, IReadOnlyList<ScoredLabel> Tags);

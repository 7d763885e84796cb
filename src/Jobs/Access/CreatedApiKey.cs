using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Access;

/// <summary>A new key: its row and the secret, which is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

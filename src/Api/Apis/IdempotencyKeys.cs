namespace VideoLang.Api.Apis;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF draft httpapi-idempotency-key-header): a client
/// retrying an upload or a QA batch submission with the same key gets the video or batch created the
/// first time instead of a second one. Keys are scoped to the tenant.
/// </summary>
internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on a response that replays what the first request with the same key created.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const int MaxLength = 255;

    /// <summary>Null when the key is absent or usable; else what is wrong with it.</summary>
    public static string? Problem(string? key)
    {
        if (key is null)
        {
            return null;
        }
        if (key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            return $"The {Header} header must be 1 to {MaxLength} visible ASCII characters, such as a UUID; got {(key.Length == 0 ? "an empty value" : $"{key.Length} characters")}.";
        }
        return null;
    }
}

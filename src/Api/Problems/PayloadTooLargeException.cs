namespace VideoLang.Api.Problems;

/// <summary>A request body grew past its cap while it was being read; answered with 413 and the message.</summary>
internal sealed class PayloadTooLargeException(string message) : Exception(message);

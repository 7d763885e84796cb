namespace VideoLang.Sampler.Validation;

/// <summary>The sniffer's verdict, the container when it is one of ours, and a name for messages.</summary>
internal readonly record struct SniffResult(SniffVerdict Verdict, ContainerFormats Container, string Description);

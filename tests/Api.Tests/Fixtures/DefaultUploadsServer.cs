namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A server left with the default upload folder (no Api:UploadDirectory), to see where uploads go.</summary>
public sealed class DefaultUploadsServer : ApiServer
{
    protected override void Configure(IDictionary<string, string?> settings) => settings.Remove("Api:UploadDirectory");
}

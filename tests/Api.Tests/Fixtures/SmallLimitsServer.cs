using System.Globalization;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A server whose upload and request caps (Api:MaxUploadBytes, Api:MaxRequestBytes) are small enough to go over in a test.</summary>
public sealed class SmallLimitsServer : ApiServer
{
    public const long MaxUploadBytes = 512 * 1024;
    public const long MaxRequestBytes = 64 * 1024;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Api:MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        settings["Api:MaxRequestBytes"] = MaxRequestBytes.ToString(CultureInfo.InvariantCulture);
    }
}

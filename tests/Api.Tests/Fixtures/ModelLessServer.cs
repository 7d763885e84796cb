namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A server with no model registered: ingest waits, search cannot run, and the API is not ready.</summary>
public sealed class ModelLessServer : ApiServer
{
    protected override bool ActivateModel => false;
}

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A server whose interactive model calls give up quickly (Worker:InteractiveModelWait 0.3 s), so a test that holds the model runner sees the 503.</summary>
public sealed class BusyModelServer : ApiServer
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Worker:InteractiveModelWait"] = "00:00:00.3";
}

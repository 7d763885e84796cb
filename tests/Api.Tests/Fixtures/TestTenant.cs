namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A fresh tenant of the test server with a client per scope: tests stay apart by tenant, as customers do.</summary>
public sealed record TestTenant(string Name, HttpClient Reader, HttpClient Writer, HttpClient Admin);

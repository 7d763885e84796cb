namespace VideoLang.Api.Tests.Fixtures;

/// <summary>
/// A fresh tenant of the test server with a client per scope: tests stay apart by tenant, as customers do.
/// The keys' secrets are there for what signs in as a person would (the web page).
/// </summary>
public sealed record TestTenant(string Name, HttpClient Reader, HttpClient Writer, HttpClient Admin, string ReaderKey = "", string WriterKey = "", string AdminKey = "");

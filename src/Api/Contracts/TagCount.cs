namespace VideoLang.Api.Contracts;

/// <summary>A tag label the tenant's videos carry, and how many videos carry it.</summary>
public sealed record TagCount(string Label, int Videos);

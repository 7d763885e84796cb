namespace VideoLang.Jobs.VectorIndex;

/// <summary>One index per tenant and embedder: a tenant's search can never reach another's clips, and two embedding spaces never mix.</summary>
public readonly record struct ClipIndexKey(string Tenant, Guid ModelId);

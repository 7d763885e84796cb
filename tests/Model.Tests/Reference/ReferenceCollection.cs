namespace VideoLang.Model.Tests.Reference;

/// <summary>Tests that compare against PyTorch share one run of the reference script.</summary>
[CollectionDefinition(Name)]
public sealed class ReferenceCollection : ICollectionFixture<PyTorchReference>
{
    public const string Name = "PyTorch reference";
}

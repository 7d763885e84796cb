namespace VideoLang.Model.Tests.Embedders;

/// <summary>Tests that compare against the PyTorch CLIP-family reference share one run of its script.</summary>
[CollectionDefinition(Name)]
public sealed class ImageTextReferenceCollection : ICollectionFixture<ImageTextReference>
{
    public const string Name = "PyTorch image-text reference";
}

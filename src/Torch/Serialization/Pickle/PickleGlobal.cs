namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>A reference to an allow-listed Python global (<c>module.name</c>); it is a name, never something run.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";

    public override string ToString() => FullName;
}

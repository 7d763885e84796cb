namespace VideoLang.Torch;

/// <summary>Where a tensor lives: the CPU or one CUDA device (index -1 means the current one).</summary>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    public static Device Cpu { get; } = new(DeviceType.Cpu);

    public static Device Cuda(int index = 0) => new(DeviceType.Cuda, index);

    /// <summary>Parses PyTorch's spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>.</summary>
    public static Device Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var index = parts.Length == 2 && int.TryParse(parts[1], out var i) ? i : -1;
        return parts[0] switch
        {
            "cpu" when parts.Length == 1 => Cpu,
            "cuda" when parts.Length == 1 || index >= 0 => new(DeviceType.Cuda, index),
            _ => throw new FormatException($"'{text}' is not a device; use cpu, cuda or cuda:N."),
        };
    }

    public override string ToString() => Type switch
    {
        DeviceType.Cpu => "cpu",
        _ => Index < 0 ? "cuda" : $"cuda:{Index}",
    };
}

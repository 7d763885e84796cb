namespace VideoLang.Torch;

/// <summary>Sizes and CLR types of <see cref="ScalarType"/> values.</summary>
public static class ScalarTypes
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.UInt8 or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown scalar type."),
    };

    public static bool IsFloatingPoint(this ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>The element type that holds values of <typeparamref name="T"/> (bf16 travels as ushort).</summary>
    public static ScalarType Of<T>()
        where T : unmanaged => default(T) switch
        {
            float => ScalarType.Float32,
            double => ScalarType.Float64,
            long => ScalarType.Int64,
            int => ScalarType.Int32,
            short => ScalarType.Int16,
            byte => ScalarType.UInt8,
            sbyte => ScalarType.Int8,
            bool => ScalarType.Bool,
            Half => ScalarType.Float16,
            ushort => ScalarType.BFloat16,
            _ => throw new NotSupportedException($"No tensor element type holds {typeof(T).Name}."),
        };
}

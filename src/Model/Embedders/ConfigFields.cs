using System.Globalization;
using System.Text.Json;

namespace VideoLang.Model.Embedders;

/// <summary>
/// Typed reads of one JSON object of a published config, with the library's default when a field is
/// absent and an <see cref="ImageTextImportException"/> naming the file and the dotted field when a
/// value has the wrong type.
/// </summary>
internal sealed class ConfigFields
{
    private readonly JsonElement _element;

    public ConfigFields(string path, JsonElement element, string prefix = "")
    {
        (Path, _element, Prefix) = (path, element, prefix);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(prefix.Length == 0 ? "the file must hold a JSON object" : $"{prefix.TrimEnd('.')} must be a JSON object");
        }
    }

    public string Path { get; }

    public string Prefix { get; }

    public bool Has(string name) => _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public ConfigFields Section(string name)
    {
        if (!Has(name))
        {
            throw Error($"{Prefix}{name} is missing");
        }
        return new ConfigFields(Path, _element.GetProperty(name), $"{Prefix}{name}.");
    }

    public ConfigFields? OptionalSection(string name) => Has(name) ? Section(name) : null;

    public JsonElement Raw(string name) => _element.GetProperty(name);

    public long Int(string name, long fallback) => Has(name) ? Int(name) : fallback;

    public long Int(string name)
    {
        var value = Required(name);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }
        // Some exported configs write whole numbers as 768.0.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < long.MaxValue)
        {
            return (long)real;
        }
        throw Error($"{Prefix}{name} must be an integer (found {value.GetRawText()})");
    }

    public long Positive(string name, long fallback)
    {
        var value = Int(name, fallback);
        return value > 0 ? value : throw Error($"{Prefix}{name} must be positive (found {value})");
    }

    public double Number(string name, double fallback)
    {
        if (!Has(name))
        {
            return fallback;
        }
        var value = _element.GetProperty(name);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Error($"{Prefix}{name} must be a number (found {value.GetRawText()})");
    }

    public string? String(string name)
    {
        if (!Has(name))
        {
            return null;
        }
        var value = _element.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error($"{Prefix}{name} must be a string (found {value.GetRawText()})");
    }

    public bool Bool(string name, bool fallback)
    {
        if (!Has(name))
        {
            return fallback;
        }
        var value = _element.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{Prefix}{name} must be true or false (found {value.GetRawText()})"),
        };
    }

    public IReadOnlyList<double>? Numbers(string name, int count)
    {
        if (!Has(name))
        {
            return null;
        }
        var value = _element.GetProperty(name);
        if (value.ValueKind == JsonValueKind.Number)
        {
            return Enumerable.Repeat(value.GetDouble(), count).ToArray();
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != count || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            throw Error($"{Prefix}{name} must be a list of {count} numbers (found {value.GetRawText()})");
        }
        return value.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    /// <summary>A size given as a number or as a square pair [n, n] (open_clip allows both).</summary>
    public long SquareSize(string name, long fallback)
    {
        if (!Has(name))
        {
            return fallback;
        }
        var value = _element.GetProperty(name);
        if (value.ValueKind == JsonValueKind.Array)
        {
            var sides = value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : -1).ToArray();
            if (sides.Length == 2 && sides[0] == sides[1] && sides[0] > 0)
            {
                return sides[0];
            }
            throw Error($"{Prefix}{name} {value.GetRawText()} is not supported: only square sizes (n or [n, n]) are");
        }
        return Positive(name, fallback);
    }

    public ImageTextImportException Error(string what) => new($"{Path}: {what}.");

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private JsonElement Required(string name) =>
        Has(name) ? _element.GetProperty(name) : throw Error($"{Prefix}{name} is missing");
}

using System.Globalization;

namespace VideoLang.Sampler.Probing;

/// <summary>
/// An exact rational number as ffprobe prints them (<c>1/12800</c>, <c>30000/1001</c>): stream time
/// bases and frame rates, kept exact so frame timestamps can be compared without rounding.
/// </summary>
public readonly record struct Fraction(long Numerator, long Denominator)
{
    public bool IsValid => Numerator > 0 && Denominator > 0;

    public double ToDouble() => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;

    /// <summary>Parses <c>num/den</c> or <c>num:den</c>; an unparsable value gives 0/0.</summary>
    public static Fraction Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }

        var separator = text.IndexOfAny(['/', ':']);
        if (separator < 0)
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
                ? new Fraction(whole, 1)
                : default;
        }

        return long.TryParse(text.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out var numerator)
            && long.TryParse(text.AsSpan(separator + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var denominator)
            ? new Fraction(numerator, denominator)
            : default;
    }

    /// <summary>The closest fraction with a small denominator, for frame rates given as doubles.</summary>
    public static Fraction FromDouble(double value, long maxDenominator = 1001)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A positive, finite value is needed.");
        }

        var best = new Fraction((long)Math.Round(value), 1);
        var bestError = Math.Abs(value - best.ToDouble());
        for (long denominator = 2; denominator <= maxDenominator && bestError > 1e-12; denominator++)
        {
            var candidate = new Fraction((long)Math.Round(value * denominator), denominator);
            var error = Math.Abs(value - candidate.ToDouble());
            if (error < bestError - 1e-15)
            {
                best = candidate;
                bestError = error;
            }
        }

        return best;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}

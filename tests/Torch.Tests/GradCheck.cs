namespace VideoLang.Torch.Tests;

/// <summary>
/// Compares autograd's gradients with central finite differences in double precision: the
/// independent reference for every differentiable wrapper.
/// </summary>
internal static class GradCheck
{
    private const double Step = 1e-6;

    /// <summary>
    /// Checks d(sum(f(x) * r))/dx for every input, where r is a fixed random projection so that
    /// every output element matters.
    /// </summary>
    public static void Assert(Func<Tensor[], Tensor> f, double[][] values, long[][] shapes, double tolerance = 1e-5)
    {
        using var scope = new DisposeScope();
        var inputs = Make(values, shapes, requiresGrad: true);
        var output = f(inputs);
        var projection = Projection(output.Shape);
        (output * projection).Sum().Backward();
        for (var i = 0; i < inputs.Length; i++)
        {
            var analytic = inputs[i].Grad?.ToArray<double>() ?? new double[values[i].Length];
            for (var k = 0; k < values[i].Length; k++)
            {
                var numeric = (Evaluate(f, values, shapes, i, k, Step, projection) - Evaluate(f, values, shapes, i, k, -Step, projection)) / (2 * Step);
                var error = Math.Abs(numeric - analytic[k]);
                Xunit.Assert.True(error <= tolerance * (1 + Math.Abs(numeric)),
                    $"input {i} element {k}: autograd {analytic[k]:G10}, finite differences {numeric:G10}");
            }
        }
    }

    /// <summary>Deterministic values in [-1, 1] for test inputs.</summary>
    public static double[] Values(int count, int seed, double offset = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1 + offset).ToArray();
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, double[][] values, long[][] shapes, int input, int element, double delta, Tensor projection)
    {
        using var scope = new DisposeScope();
        var shifted = values.Select(v => (double[])v.Clone()).ToArray();
        shifted[input][element] += delta;
        var output = f(Make(shifted, shapes, requiresGrad: false));
        return (output * projection).Sum().Item<double>();
    }

    private static Tensor[] Make(double[][] values, long[][] shapes, bool requiresGrad) =>
        values.Select((v, i) => Tensor.FromArray(v, shapes[i]).RequiresGrad_(requiresGrad)).ToArray();

    private static Tensor Projection(long[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        return Tensor.FromArray(Values((int)count, seed: 7), shape);
    }
}

namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// The allow-list of Python globals a state dict's pickle may name, and what "calling" each one
/// means here: building a description (a dict, a <see cref="PickledTensor"/>), never running code.
/// Everything else is refused when the pickle first names it.
/// </summary>
internal static class TorchGlobals
{
    public const string OrderedDict = "collections.OrderedDict";

    private static readonly Dictionary<string, ScalarType> s_storages = new(StringComparer.Ordinal)
    {
        ["torch.FloatStorage"] = ScalarType.Float32,
        ["torch.DoubleStorage"] = ScalarType.Float64,
        ["torch.HalfStorage"] = ScalarType.Float16,
        ["torch.BFloat16Storage"] = ScalarType.BFloat16,
        ["torch.LongStorage"] = ScalarType.Int64,
        ["torch.IntStorage"] = ScalarType.Int32,
        ["torch.ShortStorage"] = ScalarType.Int16,
        ["torch.CharStorage"] = ScalarType.Int8,
        ["torch.ByteStorage"] = ScalarType.UInt8,
        ["torch.BoolStorage"] = ScalarType.Bool,
    };

    private static readonly HashSet<string> s_callables = new(StringComparer.Ordinal)
    {
        OrderedDict,
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
    };

    /// <summary>What the refusal says is allowed, so a reader of the error knows what a file may hold.</summary>
    public const string Description =
        "collections.OrderedDict, torch._utils._rebuild_tensor(_v2), torch._utils._rebuild_parameter(_with_state) and the torch.XxxStorage types " +
        "(Float, Double, Half, BFloat16, Long, Int, Short, Char, Byte, Bool)";

    public static bool IsAllowed(string fullName) => s_callables.Contains(fullName) || s_storages.ContainsKey(fullName);

    /// <summary>The element type of a storage type such as <c>torch.FloatStorage</c>, or null for any other global.</summary>
    public static ScalarType? StorageDtype(PickleGlobal global) => s_storages.TryGetValue(global.FullName, out var dtype) ? dtype : null;

    /// <summary>The value REDUCE (or NEWOBJ) would produce by calling <paramref name="callable"/> with <paramref name="args"/>.</summary>
    /// <param name="callable">An allow-listed global.</param>
    /// <param name="args">The argument tuple.</param>
    /// <param name="fail">Makes the exception for a malformed call; the message is completed with the file and position.</param>
    public static object Call(PickleGlobal callable, object?[] args, Func<string, TensorFileException> fail)
    {
        switch (callable.FullName)
        {
            case OrderedDict when args.Length == 0:
                return new PickleDict();
            case "torch._utils._rebuild_tensor" when args.Length == 4:
            case "torch._utils._rebuild_tensor_v2" when args.Length is 6 or 7:
                return RebuildTensor(args, fail);
            case "torch._utils._rebuild_parameter" when args.Length == 3:
            case "torch._utils._rebuild_parameter_with_state" when args.Length == 4:
                return args[0] as PickledTensor ?? throw fail($"{callable} is given a {TypeName(args[0])} where it takes a tensor");
            default:
                throw fail($"{callable} is called with {args.Length} arguments, which torch.save never writes");
        }
    }

    /// <summary>A Python-like type name for messages.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "None",
        string => "str",
        long or System.Numerics.BigInteger => "int",
        double => "float",
        bool => "bool",
        byte[] => "bytes",
        object?[] => "tuple",
        List<object?> => "list",
        PickleDict => "dict",
        PickleGlobal g => g.FullName,
        PickledStorage => "storage",
        PickledTensor => "tensor",
        _ => value.GetType().Name,
    };

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]);
    // _rebuild_tensor (torch < 1.0) has the first four.
    private static PickledTensor RebuildTensor(object?[] args, Func<string, TensorFileException> fail)
    {
        if (args[0] is not PickledStorage storage)
        {
            throw fail($"a tensor is rebuilt from a {TypeName(args[0])} instead of a storage");
        }
        if (args[1] is not long offset || offset < 0)
        {
            throw fail($"a tensor's storage offset is {Show(args[1])}, not a non-negative int");
        }
        var shape = Ints(args[2], "size", fail);
        var strides = Ints(args[3], "stride", fail);
        if (shape.Length != strides.Length)
        {
            throw fail($"a tensor has {shape.Length} sizes but {strides.Length} strides");
        }
        var tensor = new PickledTensor(storage, offset, shape, strides);
        long end;
        try
        {
            _ = shape.Aggregate(1L, (a, b) => checked(a * b));
            end = checked(offset + tensor.Extent);
        }
        catch (OverflowException)
        {
            throw fail($"a tensor of size [{string.Join(", ", shape)}] and stride [{string.Join(", ", strides)}] overflows a 64-bit element count");
        }
        if (tensor.Extent > 0 && end > storage.Elements)
        {
            throw fail(
                $"a tensor of size [{string.Join(", ", shape)}], stride [{string.Join(", ", strides)}] at offset {offset} reads elements up to {end} " +
                $"of storage '{storage.Key}', which holds {storage.Elements}");
        }
        return tensor;
    }

    private static long[] Ints(object? value, string what, Func<string, TensorFileException> fail)
    {
        const int MaxRank = 64;
        if (value is not object?[] items || items.Length > MaxRank || items.Any(i => i is not long n || n < 0))
        {
            throw fail($"a tensor's {what} is {Show(value)}, not a tuple of at most {MaxRank} non-negative ints");
        }
        return items.Select(i => (long)i!).ToArray();
    }

    // One level deep only: a hostile pickle can nest tuples a million deep.
    private static string Show(object? value) => value switch
    {
        object?[] items when items.Length <= 8 => "(" + string.Join(", ", items.Select(Scalar)) + ")",
        _ => Scalar(value),
    };

    private static string Scalar(object? value) => value switch
    {
        long or double or bool => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        _ => "a " + TypeName(value),
    };
}

using VideoLang.Torch.Autograd;

namespace VideoLang.Torch.NN;

/// <summary>
/// A network part holding parameters, buffers and child modules under PyTorch's dotted names
/// (<c>encoder.layer.0.attention.self.query.weight</c>), so state dicts map one-to-one onto
/// HuggingFace and torchvision checkpoints. The module owns its tensors: they live outside any
/// <see cref="DisposeScope"/> and are freed by <see cref="Dispose()"/>.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly OrderedDictionary<string, Tensor> _parameters = [];
    private readonly OrderedDictionary<string, Tensor> _buffers = [];
    private readonly OrderedDictionary<string, Module> _modules = [];
    private bool _disposed;

    /// <summary>True in training mode (dropout active, batch norm on batch statistics).</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Parameters with their dotted names, this module's first, then each child's in registration order.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters() => Walk(m => m._parameters);

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers() => Walk(m => m._buffers);

    public IEnumerable<(string Name, Module Module)> NamedChildren() => _modules.Select(kv => (kv.Key, kv.Value));

    /// <summary>Every parameter and buffer by dotted name. The tensors stay owned by the module: do not dispose them.</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict() =>
        NamedParameters().Concat(NamedBuffers()).ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into this module's tensors (converting dtype
    /// and device). Shapes must match. With <paramref name="strict"/>, any missing or unexpected name
    /// is an error listing them all; otherwise they are reported in the result.
    /// </summary>
    public StateDictLoadResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = StateDict();
        var missing = own.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
        var unexpected = stateDict.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var result = new StateDictLoadResult(missing, unexpected);
        if (strict && !result.IsExact)
        {
            throw new InvalidOperationException($"The state dict does not match {GetType().Name}: {result}.");
        }
        var mismatched = own.Where(kv => stateDict.TryGetValue(kv.Key, out var source) && !source.Shape.SequenceEqual(kv.Value.Shape))
            .Select(kv => $"{kv.Key}: expected [{string.Join(", ", kv.Value.Shape)}], got [{string.Join(", ", stateDict[kv.Key].Shape)}]")
            .ToList();
        if (mismatched.Count > 0)
        {
            throw new InvalidOperationException($"Shape mismatch loading {GetType().Name}: {string.Join("; ", mismatched)}.");
        }
        using var noGrad = GradMode.NoGrad();
        foreach (var (name, target) in own)
        {
            if (stateDict.TryGetValue(name, out var source))
            {
                target.Copy_(source);
            }
        }
        return result;
    }

    /// <summary>Sets training mode on this module and every child.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var child in _modules.Values)
        {
            child.Train(training);
        }
        return this;
    }

    public Module Eval() => Train(false);

    /// <summary>Moves every parameter and buffer (and gradient) to <paramref name="device"/>, casting floating-point ones to <paramref name="dtype"/>; tensors keep their identity.</summary>
    public Module To(Device device, ScalarType? dtype = null)
    {
        using var scope = new DisposeScope();
        using var noGrad = GradMode.NoGrad();
        foreach (var (_, tensor) in NamedParameters().Concat(NamedBuffers()))
        {
            var target = dtype is { } d && tensor.Dtype.IsFloatingPoint() ? d : tensor.Dtype;
            tensor.SetData(tensor.To(device, target));
            if (tensor.Grad is { } grad)
            {
                tensor.Grad = grad.To(device, target);
            }
        }
        return this;
    }

    /// <summary>Clears every parameter's gradient (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.Grad = null;
        }
    }

    /// <summary>Frees every parameter and buffer of this module and its children.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }
        _disposed = true;
        foreach (var t in _parameters.Values.Concat(_buffers.Values))
        {
            t.Dispose();
        }
        foreach (var child in _modules.Values)
        {
            child.Dispose();
        }
    }

    /// <summary>Registers a learnable tensor: it requires grad and leaves any dispose scope.</summary>
    protected Tensor RegisterParameter(string name, Tensor value, bool requiresGrad = true)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        value.RequiresGrad = requiresGrad;
        _parameters.Add(name, value);
        return value;
    }

    /// <summary>Registers state that is saved but not learned (running statistics, position ids).</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        _buffers.Add(name, value);
        return value;
    }

    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        CheckName(name);
        _modules.Add(name, module);
        return module;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.', StringComparison.Ordinal) || _parameters.ContainsKey(name) || _buffers.ContainsKey(name) || _modules.ContainsKey(name))
        {
            throw new ArgumentException($"'{name}' is already registered on {GetType().Name} or contains a dot.", nameof(name));
        }
    }

    private IEnumerable<(string, Tensor)> Walk(Func<Module, OrderedDictionary<string, Tensor>> select, string prefix = "")
    {
        foreach (var (name, tensor) in select(this))
        {
            yield return (prefix + name, tensor);
        }
        foreach (var (name, child) in _modules)
        {
            foreach (var item in child.Walk(select, $"{prefix}{name}."))
            {
                yield return item;
            }
        }
    }
}

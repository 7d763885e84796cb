using VideoLang.Torch.Interop;

namespace VideoLang.Torch.Autograd;

/// <summary>
/// Mixed precision for this thread until disposed, as <c>torch.autocast(device_type, dtype)</c>:
/// eligible ops (matmul, conv, linear) run in <see cref="Dtype"/>, precision-sensitive ones in float32.
/// </summary>
public sealed class Autocast : IDisposable
{
    private readonly int _previousEnabled;
    private readonly int _previousDtype;
    private bool _disposed;

    private Autocast(DeviceType device, ScalarType dtype)
    {
        DeviceType = device;
        Dtype = dtype;
        NativeMethods.Check(NativeMethods.RuntimeAutocastEnter((int)device, (int)dtype, out _previousEnabled, out _previousDtype));
    }

    public DeviceType DeviceType { get; }

    public ScalarType Dtype { get; }

    /// <summary>Enters autocast: float16 on CUDA by default, bfloat16 on CPU.</summary>
    public static Autocast Enter(DeviceType device, ScalarType? dtype = null) =>
        new(device, dtype ?? (device == DeviceType.Cuda ? ScalarType.Float16 : ScalarType.BFloat16));

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            NativeMethods.Check(NativeMethods.RuntimeAutocastExit((int)DeviceType, _previousEnabled, _previousDtype));
        }
    }
}

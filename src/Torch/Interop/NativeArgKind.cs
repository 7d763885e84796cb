namespace VideoLang.Torch.Interop;

/// <summary>The tags of <see cref="NativeArg"/>, as <c>vl_arg_kind</c> in native/bridge.h.</summary>
internal enum NativeArgKind
{
    None = 0,
    Tensor = 1,
    Int = 2,
    Double = 3,
    Bool = 4,
    IntList = 5,
    TensorList = 6,
    String = 7,
    DoubleList = 8,
    Device = 9,
}

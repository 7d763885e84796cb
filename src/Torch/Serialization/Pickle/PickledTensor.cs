namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// What <c>torch._utils._rebuild_tensor_v2</c> would have rebuilt, kept as a description: the
/// storage and where in it the tensor's elements lie (offset and strides in elements).
/// </summary>
internal sealed record PickledTensor(PickledStorage Storage, long StorageOffset, long[] Shape, long[] Strides)
{
    /// <summary>Elements of the storage from the first one the tensor reads to one past its last (0 for an empty tensor).</summary>
    public long Extent
    {
        get
        {
            if (Shape.Any(d => d == 0))
            {
                return 0;
            }
            long last = 0;
            for (var i = 0; i < Shape.Length; i++)
            {
                last = checked(last + (Shape[i] - 1) * Strides[i]);
            }
            return checked(last + 1);
        }
    }

    public bool IsContiguous
    {
        get
        {
            if (Shape.Any(d => d == 0))
            {
                return true;
            }
            long expected = 1;
            for (var i = Shape.Length - 1; i >= 0; i--)
            {
                if (Shape[i] != 1 && Strides[i] != expected)
                {
                    return false;
                }
                expected *= Shape[i];
            }
            return true;
        }
    }
}

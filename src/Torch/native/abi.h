// The C ABI's data types, free of libtorch headers so that C and C++ callers (the benchmark's
// driver) can include them without a libtorch build.
#pragma once

#include <cstdint>

// One argument or result of a generic operator call. The native side converts it to what the
// operator's schema asks for (an int where a float is declared, an int for int[2], ...).
enum vl_arg_kind : int32_t {
    VL_NONE = 0,
    VL_TENSOR = 1,       // p: tensor handle
    VL_INT = 2,          // i
    VL_DOUBLE = 3,       // d
    VL_BOOL = 4,         // i (0 or 1)
    VL_INT_LIST = 5,     // p: int64_t*, n: count
    VL_TENSOR_LIST = 6,  // p: void** handles (null entries are None in Tensor?[]), n: count
    VL_STRING = 7,       // p: UTF-8, zero-terminated
    VL_DOUBLE_LIST = 8,  // p: double*, n: count
    VL_DEVICE = 9,       // i: c10::DeviceType, n: device index (-1 = current)
};

struct vl_arg {
    int32_t kind;
    int32_t reserved;
    int64_t i;
    double d;
    void* p;
    int64_t n;
};

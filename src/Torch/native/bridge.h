// Shared declarations of the VideoLang libtorch bridge. Every export returns 0 on success and -1
// on failure, with the message in a thread-local last error (vl_error_last); no C++ exception ever
// crosses the C ABI.
#pragma once

#include <ATen/ATen.h>
#include <torch/version.h>
#include <cstdint>
#include <string>

#define VL_EXPORT extern "C" __attribute__((visibility("default")))

namespace vl {

void set_error(const char* message);

// Tensors cross the boundary as heap-allocated at::Tensor objects; the count lets tests prove
// that nothing leaks.
void* new_handle(at::Tensor tensor);
void delete_handle(void* handle);
inline at::Tensor& tensor_of(void* handle) { return *static_cast<at::Tensor*>(handle); }

}  // namespace vl

// Wraps an export's body: returns 0, or stores the exception's message and returns -1.
#define VL_GUARD(...)                                              \
    try {                                                          \
        __VA_ARGS__;                                               \
        return 0;                                                  \
    } catch (const c10::Error& e) {                                \
        vl::set_error(e.what_without_backtrace());                 \
    } catch (const std::exception& e) {                            \
        vl::set_error(e.what());                                   \
    } catch (...) {                                                \
        vl::set_error("unknown C++ exception in the torch bridge"); \
    }                                                              \
    return -1;

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

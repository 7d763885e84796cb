// Shared declarations of the VideoLang libtorch bridge. Every export returns 0 on success and -1
// on failure, with the message in a thread-local last error (vl_error_last); no C++ exception ever
// crosses the C ABI.
#pragma once

#include "abi.h"

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

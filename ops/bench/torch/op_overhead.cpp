// The C++ side of the per-op overhead benchmark: the same boxed call the C# binding makes, with no
// managed code in between. Prints one JSON line: seconds per call of aten::add.Tensor on 1-element tensors.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "../../../src/Torch/native/abi.h"

extern "C" {
int32_t vl_tensor_from_data(const void*, const int64_t*, int32_t, int32_t, int32_t, int32_t, void**);
void vl_tensor_free(void*);
int32_t vl_op_find(const char*, const char*, void**);
int32_t vl_op_call(void*, const vl_arg*, int32_t, int32_t, const vl_arg**, int32_t*);
}

int main(int argc, char** argv) {
    const long calls = argc > 1 ? std::atol(argv[1]) : 100000;
    float one = 1;
    int64_t shape = 1;
    void *a = nullptr, *b = nullptr, *op = nullptr;
    vl_tensor_from_data(&one, &shape, 1, 6, 0, -1, &a);
    vl_tensor_from_data(&one, &shape, 1, 6, 0, -1, &b);
    if (vl_op_find("aten::add", "Tensor", &op) != 0) return 1;
    vl_arg args[3] = {{1, 0, 0, 0, a, 0}, {1, 0, 0, 0, b, 0}, {2, 0, 1, 0, nullptr, 0}};
    auto run = [&](long n) {
        for (long k = 0; k < n; ++k) {
            const vl_arg* results;
            int32_t count;
            vl_op_call(op, args, 3, 0, &results, &count);
            vl_tensor_free(results[0].p);
        }
    };
    run(calls / 10);
    auto start = std::chrono::steady_clock::now();
    run(calls);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"name\": \"op_add\", \"seconds\": %.9g}\n", seconds / calls);
    return 0;
}

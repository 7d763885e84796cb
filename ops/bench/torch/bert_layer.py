"""The PyTorch side of the Torch benchmark: per-op overhead and one BERT-base layer, as JSON lines.

Run by the C# benchmark in the same run so the ratios compare like with like (same libtorch,
same threads, same machine state).
"""
import json
import math
import sys
import time

import torch


def bert_layer(hidden=768, heads=12, intermediate=3072):
    m = torch.nn.ModuleDict({
        "query": torch.nn.Linear(hidden, hidden), "key": torch.nn.Linear(hidden, hidden),
        "value": torch.nn.Linear(hidden, hidden), "attention_output": torch.nn.Linear(hidden, hidden),
        "attention_norm": torch.nn.LayerNorm(hidden, eps=1e-12),
        "intermediate": torch.nn.Linear(hidden, intermediate), "output": torch.nn.Linear(intermediate, hidden),
        "output_norm": torch.nn.LayerNorm(hidden, eps=1e-12)})

    def forward(x):
        b, n, h = x.shape
        d = h // heads
        split = lambda t: t.view(b, n, heads, d).transpose(1, 2)
        q, k, v = split(m["query"](x)), split(m["key"](x)), split(m["value"](x))
        scores = q.matmul(k.transpose(2, 3)) / math.sqrt(d)
        context = torch.softmax(scores, -1).matmul(v).transpose(1, 2).reshape(b, n, h)
        attended = m["attention_norm"](m["attention_output"](context) + x)
        return m["output_norm"](m["output"](torch.nn.functional.gelu(m["intermediate"](attended))) + attended)

    return m, forward


def seconds_per(fn, iterations, device="cpu"):
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    fn()
    sync()
    start = time.perf_counter()
    for _ in range(iterations):
        fn()
    sync()
    return (time.perf_counter() - start) / iterations


def main():
    threads, iterations, op_calls = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    device = sys.argv[4] if len(sys.argv) > 4 else "cpu"
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    a, b = torch.ones(1), torch.ones(1)
    print(json.dumps({"name": "op_add", "seconds": seconds_per(lambda: [torch.add(a, b) for _ in range(op_calls)], 3) / op_calls}))
    module, forward = bert_layer()
    module.to(device)
    x = torch.randn(8, 128, 768, device=device)
    with torch.inference_mode():
        print(json.dumps({"name": "bert_layer_forward", "seconds": seconds_per(lambda: forward(x), iterations, device)}))

    def train_step():
        module.zero_grad(set_to_none=True)
        forward(x).sum().backward()

    print(json.dumps({"name": "bert_layer_forward_backward", "seconds": seconds_per(train_step, iterations, device)}))


if __name__ == "__main__":
    main()

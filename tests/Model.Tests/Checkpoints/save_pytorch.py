"""Re-saves a safetensors file with torch.save, as HuggingFace's pytorch_model.bin is written.

Run with Debian's /usr/bin/python3 (python3-torch): save_pytorch.py SOURCE.safetensors TARGET zip|legacy [WRAP_KEY]
The safetensors header is parsed by hand (8-byte length, JSON, raw bytes) so no safetensors package
is needed. With WRAP_KEY the state dict is saved as {WRAP_KEY: state_dict, "epoch": 1}, as training
scripts save checkpoints.
"""

import collections
import json
import struct
import sys

import torch

source, target, layout = sys.argv[1:4]
wrap = sys.argv[4] if len(sys.argv) > 4 else None
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64,
          "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}

data = open(source, "rb").read()
length = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + length])
state = collections.OrderedDict()
for name, entry in header.items():
    if name == "__metadata__":
        continue
    begin, end = entry["data_offsets"]
    raw = bytearray(data[8 + length + begin:8 + length + end])
    dtype = DTYPES[entry["dtype"]]
    flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
    state[name] = flat.reshape(entry["shape"]).clone()
torch.save(state if wrap is None else {wrap: state, "epoch": 1}, target, _use_new_zipfile_serialization=(layout == "zip"))

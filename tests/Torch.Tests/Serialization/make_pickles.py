"""Writes real torch.save files, and hostile ones, for PickledTensorFileTests.

Run with Debian's /usr/bin/python3 (python3-torch): make_pickles.py OUT_DIR
Every valid file has an expected-values file beside it, written here in safetensors by hand (the
format is 8 bytes of header length, a JSON header, raw bytes), so the C# test compares the pickle
reader's tensors bit for bit with PyTorch's own. Hostile payloads would create OUT_DIR/pwned if
anything ever ran them; nothing here runs them (pickling only records the call).
"""

import collections
import io
import json
import os
import pickle
import random
import struct
import sys
import zipfile
import zlib

import torch

OUT = sys.argv[1]
MARKER = os.path.join(OUT, "pwned")
DTYPES = {
    torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
    torch.uint8: "U8", torch.bool: "BOOL",
}


def path(name):
    return os.path.join(OUT, name)


def save_safetensors(name, tensors):
    header, blobs, offset = {}, [], 0
    for key in sorted(tensors):
        t = tensors[key].detach().contiguous()
        data = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[key] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path(name), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def save_both(stem, obj):
    """The zip format (torch >= 1.6) and the legacy one (what torch < 1.6 wrote)."""
    torch.save(obj, path(stem + ".zip.pt"))
    torch.save(obj, path(stem + ".legacy.pt"), _use_new_zipfile_serialization=False)


def write_zip64(source, target):
    """Re-packs a torch zip with every size and offset in zip64 fields, as torch writes files over 4 GiB."""
    with zipfile.ZipFile(path(source)) as z:
        entries = [(i.filename.encode(), z.read(i.filename)) for i in z.infolist()]
    out, central = bytearray(), bytearray()
    for name, data in entries:
        offset, crc, full = len(out), zlib.crc32(data), 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, len(data), len(data))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0, crc, full, full, len(name), len(extra)) + name + extra + data
        extra = struct.pack("<HHQQQ", 1, 24, len(data), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0, crc, full, full, len(name), len(extra), 0, 0, 0, 0, full)
        central += name + extra
    start = len(out)
    out += central
    end64 = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries), len(entries), len(central), start)
    out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    open(path(target), "wb").write(out)


def state_dict():
    g = torch.Generator().manual_seed(7)
    sd = collections.OrderedDict()
    sd["f32"] = torch.randn(3, 5, generator=g)
    sd["f16"] = torch.randn(4, generator=g).half()
    sd["bf16"] = torch.randn(2, 3, generator=g).bfloat16()
    sd["f64"] = torch.randn(2, generator=g).double()
    sd["i64"] = torch.tensor([-(2 ** 40), 7, 2 ** 62])
    sd["i32"] = torch.tensor([[-5, 2 ** 31 - 1]], dtype=torch.int32)
    sd["i16"] = torch.tensor([-300, 300], dtype=torch.int16)
    sd["i8"] = torch.tensor([-128, 127], dtype=torch.int8)
    sd["u8"] = torch.tensor([0, 255, 7], dtype=torch.uint8)
    sd["bool"] = torch.tensor([True, False, True])
    sd["scalar"] = torch.tensor(2.5)
    sd["empty"] = torch.zeros(0, 4)
    sd["transposed"] = torch.arange(24, dtype=torch.float32).reshape(4, 6).t()
    shared = torch.randn(20, generator=g)
    sd["view_a"] = shared[3:9].view(2, 3)
    sd["view_b"] = shared[10:20:2]
    sd["param"] = torch.nn.Parameter(torch.randn(3, generator=g))
    sd["expanded"] = torch.randn(3, 1, generator=g).expand(3, 4)
    sd["channels_last"] = torch.randn(2, 3, 4, 5, generator=g).to(memory_format=torch.channels_last)
    return sd


def valid_files():
    sd = state_dict()
    save_both("state", sd)
    torch.save(sd, path("state.p4.pt"), pickle_protocol=4)
    torch.save(sd, path("state.p5.pt"), pickle_protocol=5)
    save_safetensors("state.expected.safetensors", sd)
    write_zip64("state.zip.pt", "state.zip64.pt")
    loaded = torch.load(path("state.zip64.pt"))
    assert all(torch.equal(loaded[k], v) for k, v in sd.items()), "torch reads the zip64 copy"

    torch.manual_seed(3)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.LayerNorm(3))
    optimizer = torch.optim.Adam(model.parameters())
    model(torch.randn(2, 4)).sum().backward()
    optimizer.step()
    save_both("nested", {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": 3, "note": "best"})
    save_safetensors("nested.expected.safetensors", model.state_dict())

    torch.save({"a": {"x": torch.ones(1)}, "b": {"y": torch.ones(1)}}, path("ambiguous.pt"))
    torch.save([torch.ones(1)], path("list.pt"))


class System:
    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


class Eval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('touch %s')" % MARKER,))


class Exec:
    def __reduce__(self):
        return (exec, ("open(%r, 'w').close()" % MARKER,))


def rewrite_zip(source, target, change):
    """Copies a torch zip entry by entry (stored, as torch writes it), letting change(name, data) drop (None) or replace entries."""
    with zipfile.ZipFile(path(source)) as z, zipfile.ZipFile(path(target), "w", zipfile.ZIP_STORED) as out:
        for info in z.infolist():
            data = change(info.filename, z.read(info.filename))
            if data is not None:
                out.writestr(info.filename, data)
        extra = change("<extra>", None)
        if extra is not None:
            out.writestr(*extra)


def hostile_files():
    ones = torch.ones(2)
    with open(path("system.pkl"), "wb") as f:
        pickle.dump({"w": System()}, f)
    with open(path("eval.pkl"), "wb") as f:
        pickle.dump(Eval(), f, protocol=2)
    torch.save({"w": ones, "x": System()}, path("system.zip.pt"))
    torch.save({"w": ones, "x": System()}, path("system.legacy.pt"), _use_new_zipfile_serialization=False)
    torch.save({"w": ones, "x": Exec()}, path("exec.zip.pt"))
    torch.save(torch.nn.Linear(2, 2), path("module.pt"))
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), path("script.pt"))

    torch.save({"w": torch.ones(4), "v": torch.zeros(3)}, path("two.zip.pt"))
    torch.save({"w": torch.ones(4), "v": torch.zeros(3)}, path("two.legacy.pt"), _use_new_zipfile_serialization=False)
    rewrite_zip("two.zip.pt", "missing_storage.pt", lambda n, d: None if n.endswith("/data/1") else d)
    rewrite_zip("two.zip.pt", "short_storage.pt", lambda n, d: d[:5] if n.endswith("/data/1") else d)
    # 'w' = ones(4) is pickled with size (4,) as BININT1 4, TUPLE1; claim 9 elements of its 4-element storage.
    rewrite_zip("two.zip.pt", "overreach.pt", lambda n, d: d.replace(b"K\x04\x85", b"K\x09\x85", 1) if n.endswith("data.pkl") else d)
    rewrite_zip("two.zip.pt", "big_endian.pt", lambda n, d: ("two.zip/byteorder", "big") if n == "<extra>" else d)

    data = open(path("two.zip.pt"), "rb").read()
    open(path("truncated.zip.pt"), "wb").write(data[: len(data) // 2])
    legacy = open(path("two.legacy.pt"), "rb").read()
    open(path("truncated.legacy.pt"), "wb").write(legacy[:-5])
    # The last storage holds 4 or 3 elements: its count is the 8 bytes before them; claim a billion.
    last = 4 * 4 if legacy.endswith(struct.pack("<ffff", 1, 1, 1, 1)) else 3 * 4
    at = len(legacy) - last - 8
    open(path("huge_count.legacy.pt"), "wb").write(legacy[:at] + struct.pack("<q", 10 ** 9) + legacy[at + 8:])
    flag = legacy.index(b"little_endian") + len(b"little_endian") + 2
    assert legacy[flag] == 0x88, "NEWTRUE after little_endian"
    open(path("big_endian.legacy.pt"), "wb").write(legacy[:flag] + b"\x89" + legacy[flag + 1:])

    rng = random.Random(11)
    noise = bytes([0x17]) + bytes(rng.randrange(256) for _ in range(4095))
    open(path("random.bin"), "wb").write(noise)
    open(path("random_pickle.bin"), "wb").write(b"\x80\x02" + noise)
    open(path("huge_string.pt"), "wb").write(b"\x80\x02X\xff\xff\xff\x7fabc.")
    open(path("deep.pkl"), "wb").write(b"\x80\x02" + b"]" * 1_000_000 + b"a" * 999_999 + b".")
    open(path("marks.pkl"), "wb").write(b"\x80\x02" + b"(" * 100_000 + b".")
    with zipfile.ZipFile(path("huge_string.zip.pt"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("x/data.pkl", b"\x80\x02X\xff\xff\xff\x7fabc.")


valid_files()
hostile_files()

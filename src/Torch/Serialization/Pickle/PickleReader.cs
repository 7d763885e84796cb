using System.Buffers.Binary;
using System.Text;

namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// A restricted unpickler for what <c>torch.save</c> writes (protocols 2 to 5). It builds plain
/// values (None, bool, int, float, str, bytes, tuple as <c>object?[]</c>, list, <see cref="PickleDict"/>)
/// and descriptions of tensors; it never imports or calls anything. A global is accepted only if
/// it is on <see cref="TorchGlobals"/>'s allow-list, and REDUCE/NEWOBJ only call those. Every
/// length is checked against the bytes that remain and the stack, marks and memo are capped, so a
/// hostile pickle costs at most a small multiple of its own size.
/// </summary>
internal sealed partial class PickleReader
{
    private const int MaxStack = 1 << 22;
    private const int MaxMarks = 1 << 12;
    private const int MaxMemo = 1 << 22;
    private const int MaxGlobalLine = 512;
    private const int MaxLongBytes = 64;
    private const int MaxTextBytes = 64 << 20;
    private const int HighestProtocol = 5;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly MappedFile _file;
    private readonly string _what;
    private readonly Func<PickleReader, object?, object?>? _persistentLoad;
    private readonly long _start;
    private readonly long _end;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private long _position;
    private long _opcodeAt;

    private PickleReader(MappedFile file, long start, long end, string what, Func<PickleReader, object?, object?>? persistentLoad)
    {
        (_file, _start, _position, _end, _what, _persistentLoad) = (file, start, start, end, what, persistentLoad);
    }

    /// <summary>
    /// Reads one pickle starting at <paramref name="start"/> and ending at or before <paramref name="end"/>.
    /// </summary>
    /// <param name="file">The mapped file holding the pickle.</param>
    /// <param name="start">Offset of the pickle's first opcode.</param>
    /// <param name="end">Offset no read may reach (the end of the zip entry or of the file).</param>
    /// <param name="what">Names the pickle in messages ("data.pkl", "the state pickle").</param>
    /// <param name="persistentLoad">Turns a BINPERSID id into a value (and may use the reader's <see cref="Fail"/>); null refuses persistent ids.</param>
    /// <returns>The value and the offset just past its STOP opcode.</returns>
    /// <exception cref="TensorFileException">The pickle is malformed, truncated or asks for something not allowed.</exception>
    public static (object? Value, long Next) Read(MappedFile file, long start, long end, string what, Func<PickleReader, object?, object?>? persistentLoad = null)
    {
        var reader = new PickleReader(file, start, end, what, persistentLoad);
        var value = reader.Run();
        return (value, reader._position);
    }

    /// <summary>An exception naming the file, the pickle and the opcode's offset.</summary>
    public TensorFileException Fail(string message) => new($"{_file.Path}: {message} (at byte {_opcodeAt - _start} of {_what}).");

    private object? Run()
    {
        while (true)
        {
            _opcodeAt = _position;
            var opcode = ReadByte();
            switch (opcode)
            {
                case 0x80: // PROTO
                    var protocol = ReadByte();
                    if (protocol > HighestProtocol)
                    {
                        throw Fail($"pickle protocol {protocol} is newer than the highest known ({HighestProtocol})");
                    }
                    break;
                case 0x95: // FRAME: a length hint for buffered readers; the opcodes inside are read as usual
                    var frame = ReadInt64();
                    if (frame < 0 || frame > _end - _position)
                    {
                        throw Fail($"a frame of {frame} bytes is longer than the {_end - _position} bytes left");
                    }
                    break;
                case (byte)'.': // STOP
                    if (_marks.Count != 0 || _stack.Count != 1)
                    {
                        throw Fail($"the pickle stops with {_stack.Count} values and {_marks.Count} open marks instead of one value");
                    }
                    return _stack[0];

                case (byte)'N':
                    Push(null);
                    break;
                case 0x88: // NEWTRUE
                    Push(true);
                    break;
                case 0x89: // NEWFALSE
                    Push(false);
                    break;
                case (byte)'J': // BININT
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(Read(4)));
                    break;
                case (byte)'K': // BININT1
                    Push((long)ReadByte());
                    break;
                case (byte)'M': // BININT2
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Read(2)));
                    break;
                case 0x8a: // LONG1
                    Push(Long(ReadByte()));
                    break;
                case 0x8b: // LONG4
                    Push(Long(BinaryPrimitives.ReadInt32LittleEndian(Read(4))));
                    break;
                case (byte)'G': // BINFLOAT, big-endian
                    Push(BinaryPrimitives.ReadDoubleBigEndian(Read(8)));
                    break;

                case 0x8c: // SHORT_BINUNICODE
                    Push(Text(ReadByte()));
                    break;
                case (byte)'X': // BINUNICODE
                    Push(Text(BinaryPrimitives.ReadUInt32LittleEndian(Read(4))));
                    break;
                case 0x8d: // BINUNICODE8
                    Push(Text(ReadInt64()));
                    break;
                case (byte)'C': // SHORT_BINBYTES
                    Push(Bytes(ReadByte()));
                    break;
                case (byte)'B': // BINBYTES
                    Push(Bytes(BinaryPrimitives.ReadUInt32LittleEndian(Read(4))));
                    break;
                case 0x8e: // BINBYTES8
                    Push(Bytes(ReadInt64()));
                    break;

                case (byte)')': // EMPTY_TUPLE
                    Push(Array.Empty<object?>());
                    break;
                case 0x85: // TUPLE1
                    Push(PopMany(1));
                    break;
                case 0x86: // TUPLE2
                    Push(PopMany(2));
                    break;
                case 0x87: // TUPLE3
                    Push(PopMany(3));
                    break;
                case (byte)'t': // TUPLE
                    Push(PopMark());
                    break;
                case (byte)']': // EMPTY_LIST
                    Push(new List<object?>());
                    break;
                case (byte)'l': // LIST
                    Push(new List<object?>(PopMark()));
                    break;
                case (byte)'a': // APPEND
                    var item = Pop();
                    ListAt(Top()).Add(item);
                    break;
                case (byte)'e': // APPENDS
                    var items = PopMark();
                    ListAt(Top()).AddRange(items);
                    break;
                case (byte)'}': // EMPTY_DICT
                    Push(new PickleDict());
                    break;
                case (byte)'d': // DICT
                    var dict = new PickleDict();
                    SetItems(dict, PopMark());
                    Push(dict);
                    break;
                case (byte)'s': // SETITEM
                    var value = Pop();
                    var key = Pop();
                    DictAt(Top()).Set(key, value);
                    break;
                case (byte)'u': // SETITEMS
                    var pairs = PopMark();
                    SetItems(DictAt(Top()), pairs);
                    break;

                case (byte)'(': // MARK
                    if (_marks.Count >= MaxMarks)
                    {
                        throw Fail($"more than {MaxMarks} nested marks");
                    }
                    _marks.Push(_stack.Count);
                    break;
                case (byte)'0': // POP
                    if (_marks.Count > 0 && _marks.Peek() == _stack.Count)
                    {
                        _marks.Pop();
                    }
                    else
                    {
                        Pop();
                    }
                    break;
                case (byte)'1': // POP_MARK
                    PopMark();
                    break;
                case (byte)'2': // DUP
                    Push(Top());
                    break;

                case (byte)'q': // BINPUT
                    Memo(ReadByte());
                    break;
                case (byte)'r': // LONG_BINPUT
                    Memo(BinaryPrimitives.ReadUInt32LittleEndian(Read(4)));
                    break;
                case 0x94: // MEMOIZE
                    Memo(_memo.Count);
                    break;
                case (byte)'h': // BINGET
                    Push(Recall(ReadByte()));
                    break;
                case (byte)'j': // LONG_BINGET
                    Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Read(4))));
                    break;

                case (byte)'c': // GLOBAL "module\nname\n"
                    var module = Line();
                    Push(Global(module, Line()));
                    break;
                case 0x93: // STACK_GLOBAL
                    var name = Pop();
                    var moduleName = Pop();
                    if (moduleName is not string m || name is not string n)
                    {
                        throw Fail($"STACK_GLOBAL is given a {TorchGlobals.TypeName(moduleName)} and a {TorchGlobals.TypeName(name)} instead of two strings");
                    }
                    Push(Global(m, n));
                    break;
                case (byte)'R': // REDUCE
                    var args = Pop();
                    Push(Call(Pop(), args));
                    break;
                case 0x81: // NEWOBJ: cls.__new__(cls, *args), which for the allow-listed classes is the call itself
                    var newArgs = Pop();
                    Push(Call(Pop(), newArgs));
                    break;
                case (byte)'b': // BUILD
                    var state = Pop();
                    Build(Top(), state);
                    break;
                case (byte)'Q': // BINPERSID
                    var id = Pop();
                    if (_persistentLoad is null)
                    {
                        throw Fail("a persistent id appears where a torch file has none");
                    }
                    Push(_persistentLoad(this, id));
                    break;

                default:
                    throw Fail(
                        $"opcode 0x{opcode:x2} ('{(opcode is >= 0x20 and < 0x7f ? (char)opcode : '?')}') is not one a torch.save state dict uses " +
                        "(protocol 0/1 opcodes, sets, out-of-band buffers and the like are not read)");
            }
        }
    }

    private object Global(string module, string name)
    {
        var fullName = $"{module}.{name}";
        if (!TorchGlobals.IsAllowed(fullName))
        {
            throw new TensorFileException(
                $"{_file.Path}: the pickle names the global '{fullName}' (at byte {_opcodeAt - _start} of {_what}), which is not allowed: " +
                $"only {TorchGlobals.Description} may appear in a weights file, and nothing in it is ever executed. " +
                "If the file holds a whole pickled model or other objects, save model.state_dict() with torch.save instead.");
        }
        return new PickleGlobal(module, name);
    }

    private object Call(object? callable, object? args)
    {
        if (callable is not PickleGlobal global)
        {
            throw Fail($"a {TorchGlobals.TypeName(callable)} is called; only allow-listed globals may be");
        }
        if (args is not object?[] arguments)
        {
            throw Fail($"{global} is called with a {TorchGlobals.TypeName(args)} instead of an argument tuple");
        }
        if (TorchGlobals.StorageDtype(global) is not null)
        {
            throw Fail($"{global} is called; torch.save refers to storages only through persistent ids");
        }
        return TorchGlobals.Call(global, arguments, Fail);
    }

    /// <summary>BUILD sets an object's state; the only object torch.save builds is an OrderedDict (its <c>_metadata</c>), which we do not need.</summary>
    private void Build(object? target, object? state)
    {
        if (target is not PickleDict)
        {
            throw Fail($"BUILD sets the state of a {TorchGlobals.TypeName(target)} (given a {TorchGlobals.TypeName(state)}); only a dict's state is accepted");
        }
    }
}

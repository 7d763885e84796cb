using Google.Protobuf;

namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// Reads an ONNX model's graph (operators, initializers, inputs, outputs) straight from the protobuf
/// wire format by field number, so no generated classes (and no protoc) are needed. Field numbers
/// are those of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto, stable since IR version 3);
/// fields not listed are skipped. Initializers stored outside the file (<c>data_location</c>
/// EXTERNAL) are refused: the registry files keep every weight inside.
/// </summary>
internal static class OnnxReader
{
    // ModelProto
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelGraph = 7;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    // AttributeProto
    private const int AttributeName = 1;
    private const int AttributeFloat = 2;
    private const int AttributeInt = 3;
    private const int AttributeInts = 8;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorFloatData = 4;
    private const int TensorInt32Data = 5;
    private const int TensorInt64Data = 7;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int TensorDataLocation = 14;

    // ValueInfoProto
    private const int ValueInfoName = 1;

    public static OnnxGraph Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new WeightImportException($"No ONNX model at {path}: the file does not exist.");
        }
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses a whole ModelProto; <paramref name="path"/> names the source in errors.</summary>
    public static OnnxGraph Parse(byte[] bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var (producer, version, graph) = ("", "", (ByteString?)null);
            var input = new CodedInputStream(bytes);
            while (input.ReadTag() is var tag and not 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case ModelProducerName when IsBytes(tag): producer = input.ReadString(); break;
                    case ModelProducerVersion when IsBytes(tag): version = input.ReadString(); break;
                    case ModelGraph when IsBytes(tag): graph = input.ReadBytes(); break;
                    default: input.SkipLastField(); break;
                }
            }
            if (graph is null)
            {
                throw new WeightImportException($"{path} holds no graph: it is not an ONNX model (or it is empty).");
            }
            return ParseGraph(graph, path, $"{producer} {version}".Trim());
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new WeightImportException($"{path} is not a readable ONNX model ({e.Message}); the file is truncated or not ONNX.", e);
        }
    }

    private static OnnxGraph ParseGraph(ByteString bytes, string path, string producer)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        var (inputs, outputs) = (new List<string>(), new List<string>());
        var input = bytes.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case GraphNode when IsBytes(tag): nodes.Add(ParseNode(input.ReadBytes())); break;
                case GraphInitializer when IsBytes(tag):
                    var tensor = ParseTensor(input.ReadBytes(), path);
                    if (!initializers.TryAdd(tensor.Name, tensor))
                    {
                        throw new WeightImportException($"{path}: two initializers are named '{tensor.Name}'; the file is corrupt.");
                    }
                    break;
                case GraphInput when IsBytes(tag): inputs.Add(ParseValueInfoName(input.ReadBytes())); break;
                case GraphOutput when IsBytes(tag): outputs.Add(ParseValueInfoName(input.ReadBytes())); break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxGraph(path, producer, nodes, initializers, inputs.Where(i => !initializers.ContainsKey(i)).ToList(), outputs);
    }

    private static OnnxNode ParseNode(ByteString bytes)
    {
        var (name, opType) = ("", "");
        var (inputs, outputs) = (new List<string>(), new List<string>());
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        var input = bytes.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeInput when IsBytes(tag): inputs.Add(input.ReadString()); break;
                case NodeOutput when IsBytes(tag): outputs.Add(input.ReadString()); break;
                case NodeName when IsBytes(tag): name = input.ReadString(); break;
                case NodeOpType when IsBytes(tag): opType = input.ReadString(); break;
                case NodeAttribute when IsBytes(tag):
                    var attribute = ParseAttribute(input.ReadBytes());
                    attributes[attribute.Name] = attribute;
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static OnnxAttribute ParseAttribute(ByteString bytes)
    {
        var (name, f, i, ints) = ("", (float?)null, (long?)null, new List<long>());
        var input = bytes.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case AttributeName when IsBytes(tag): name = input.ReadString(); break;
                case AttributeFloat when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed32: f = input.ReadFloat(); break;
                case AttributeInt when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: i = input.ReadInt64(); break;
                case AttributeInts: ReadInt64s(input, tag, ints); break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxAttribute(name, f, i, [.. ints]);
    }

    private static OnnxInitializer ParseTensor(ByteString bytes, string path)
    {
        var (name, dataType, location) = ("", 0, 0);
        var dims = new List<long>();
        byte[]? raw = null;
        var (floats, int32s, int64s) = (new List<float>(), new List<long>(), new List<long>());
        var input = bytes.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case TensorDims: ReadInt64s(input, tag, dims); break;
                case TensorDataType when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: dataType = input.ReadInt32(); break;
                case TensorFloatData: ReadFloats(input, tag, floats); break;
                case TensorInt32Data: ReadInt64s(input, tag, int32s); break;
                case TensorInt64Data: ReadInt64s(input, tag, int64s); break;
                case TensorName when IsBytes(tag): name = input.ReadString(); break;
                case TensorRawData when IsBytes(tag): raw = input.ReadBytes().ToByteArray(); break;
                case TensorDataLocation when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: location = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }
        if (location != 0)
        {
            throw new WeightImportException($"{path}: initializer '{name}' keeps its data in an external file; only self-contained ONNX files are read.");
        }
        if (dims.Any(d => d < 0))
        {
            throw new WeightImportException($"{path}: initializer '{name}' has a negative dimension [{string.Join(", ", dims)}]; the file is corrupt.");
        }
        var data = raw ?? dataType switch
        {
            OnnxInitializer.Float => floats.SelectMany(BitConverter.GetBytes).ToArray(),
            OnnxInitializer.Int32 => int32s.SelectMany(v => BitConverter.GetBytes((int)v)).ToArray(),
            OnnxInitializer.Int64 => int64s.SelectMany(BitConverter.GetBytes).ToArray(),
            _ => [],
        };
        return new OnnxInitializer(name, dataType, [.. dims], data);
    }

    private static string ParseValueInfoName(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == ValueInfoName && IsBytes(tag))
            {
                return input.ReadString();
            }
            input.SkipLastField();
        }
        return "";
    }

    private static bool IsBytes(uint tag) => WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;

    /// <summary>A repeated int64/int32 field, packed (one length-delimited run) or not (one varint per tag); both are valid protobuf.</summary>
    private static void ReadInt64s(CodedInputStream input, uint tag, List<long> values)
    {
        if (!IsBytes(tag))
        {
            values.Add(input.ReadInt64());
            return;
        }
        var packed = input.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd)
        {
            values.Add(packed.ReadInt64());
        }
    }

    private static void ReadFloats(CodedInputStream input, uint tag, List<float> values)
    {
        if (!IsBytes(tag))
        {
            values.Add(input.ReadFloat());
            return;
        }
        var packed = input.ReadBytes().Span;
        for (var offset = 0; offset + 4 <= packed.Length; offset += 4)
        {
            values.Add(BitConverter.ToSingle(packed[offset..]));
        }
    }
}

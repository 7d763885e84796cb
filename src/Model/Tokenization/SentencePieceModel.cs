using System.Collections.Immutable;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// What a SentencePiece <c>.model</c> file (a <c>ModelProto</c>, google/sentencepiece's
/// sentencepiece_model.proto) holds that encoding needs: the pieces with scores and types, the
/// trainer's special ids and model type, and the normalizer spec.
/// </summary>
internal sealed record SentencePieceModel(
    ImmutableArray<SentencePieceModel.Piece> Pieces,
    SentencePieceModel.ModelKind Kind,
    int UnkId,
    int BosId,
    int EosId,
    int PadId,
    bool ByteFallback,
    bool TreatWhitespaceAsSuffix,
    string NormalizerName,
    ImmutableArray<byte> PrecompiledCharsMap,
    bool AddDummyPrefix,
    bool RemoveExtraWhitespaces,
    bool EscapeWhitespaces)
{
    /// <summary>sentencepiece_model.proto's ModelType.</summary>
    public enum ModelKind
    {
        Unigram = 1,
        Bpe = 2,
        Word = 3,
        Char = 4,
    }

    /// <summary>sentencepiece_model.proto's SentencePiece.Type.</summary>
    public enum PieceType
    {
        Normal = 1,
        Unknown = 2,
        Control = 3,
        UserDefined = 4,
        Unused = 5,
        Byte = 6,
    }

    /// <summary>One vocabulary entry; its id is its index.</summary>
    public readonly record struct Piece(string Text, float Score, PieceType Type);

    public static SentencePieceModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The SentencePiece model is missing at {path}; copy spiece.model from the model folder.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses a ModelProto; fields not given keep the proto's defaults, a repeated message field merges, as protobuf does.</summary>
    public static SentencePieceModel Parse(ReadOnlySpan<byte> data, string path)
    {
        var pieces = ImmutableArray.CreateBuilder<Piece>();
        var model = new SentencePieceModel([], ModelKind.Unigram, 0, 1, 2, -1, false, false, "", [], true, true, true);
        var reader = new ProtobufReader(data, path);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadKey();
            switch (field, wireType)
            {
                case (1, 2):
                    pieces.Add(ReadPiece(reader.ReadBytes(), path));
                    break;
                case (2, 2):
                    model = ReadTrainerSpec(reader.ReadBytes(), path, model);
                    break;
                case (3, 2):
                    model = ReadNormalizerSpec(reader.ReadBytes(), path, model);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (pieces.Count == 0)
        {
            throw new InvalidDataException($"{path} has no pieces; it is not a SentencePiece model.");
        }

        return model with { Pieces = pieces.ToImmutable() };
    }

    private static Piece ReadPiece(ReadOnlySpan<byte> data, string path)
    {
        var reader = new ProtobufReader(data, path);
        var text = "";
        var score = 0f;
        var type = PieceType.Normal;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadKey();
            switch (field, wireType)
            {
                case (1, 2):
                    text = reader.ReadString();
                    break;
                case (2, 5):
                    score = reader.ReadFloat();
                    break;
                case (3, 0):
                    type = (PieceType)reader.ReadInt32();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new Piece(text, score, type);
    }

    private static SentencePieceModel ReadTrainerSpec(ReadOnlySpan<byte> data, string path, SentencePieceModel model)
    {
        var reader = new ProtobufReader(data, path);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadKey();
            model = (field, wireType) switch
            {
                (3, 0) => model with { Kind = (ModelKind)reader.ReadInt32() },
                (24, 0) => model with { TreatWhitespaceAsSuffix = reader.ReadVarint() != 0 },
                (35, 0) => model with { ByteFallback = reader.ReadVarint() != 0 },
                (40, 0) => model with { UnkId = reader.ReadInt32() },
                (41, 0) => model with { BosId = reader.ReadInt32() },
                (42, 0) => model with { EosId = reader.ReadInt32() },
                (43, 0) => model with { PadId = reader.ReadInt32() },
                _ => SkipAndKeep(ref reader, wireType, model),
            };
        }

        return model;
    }

    private static SentencePieceModel ReadNormalizerSpec(ReadOnlySpan<byte> data, string path, SentencePieceModel model)
    {
        var reader = new ProtobufReader(data, path);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadKey();
            model = (field, wireType) switch
            {
                (1, 2) => model with { NormalizerName = reader.ReadString() },
                (2, 2) => model with { PrecompiledCharsMap = [.. reader.ReadBytes()] },
                (3, 0) => model with { AddDummyPrefix = reader.ReadVarint() != 0 },
                (4, 0) => model with { RemoveExtraWhitespaces = reader.ReadVarint() != 0 },
                (5, 0) => model with { EscapeWhitespaces = reader.ReadVarint() != 0 },
                _ => SkipAndKeep(ref reader, wireType, model),
            };
        }

        return model;
    }

    private static SentencePieceModel SkipAndKeep(ref ProtobufReader reader, int wireType, SentencePieceModel model)
    {
        reader.Skip(wireType);
        return model;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using VideoLang.Api.Contracts;
using VideoLang.Api.Problems;
using VideoLang.Api.Uploads;
using VideoLang.Jobs.QuestionAnswering;

namespace VideoLang.Api.Apis;

/// <summary>
/// Reads a QA batch body: a JSON array of questions (<c>application/json</c>) or one question object per
/// line (JSON Lines: <c>application/x-ndjson</c> or <c>application/jsonl</c>), under the request size cap.
/// Malformed JSON is a 400 saying where; a question without a video id or text a 422 saying which.
/// </summary>
internal static class QaBatchBody
{
    public const string Json = "application/json";
    public static readonly IReadOnlyList<string> JsonLines = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines"];

    private const string Shape = "{\"video_id\": \"...\", \"question\": \"...\", \"options\": [\"...\"]}";

    public static async Task<IReadOnlyList<QaQuestion>> ReadAsync(HttpRequest request, JsonSerializerOptions json, long maxBytes, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        var isJsonLines = mediaType is not null && JsonLines.Contains(mediaType);
        if (mediaType != Json && !isJsonLines)
        {
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                $"Send the questions as a JSON array (Content-Type: {Json}) or as JSON Lines, one {Shape} per line (Content-Type: {JsonLines[0]}); got {(mediaType is null ? "no Content-Type" : $"'{mediaType}'")}.");
        }
        var body = new SizeLimitedStream(request.Body, maxBytes,
            $"The batch is larger than the limit of {maxBytes} bytes. Split it into several batches.");
        var items = isJsonLines ? await ReadLinesAsync(body, json, cancellationToken) : await ReadArrayAsync(body, json, cancellationToken);
        return items.Select(Validate).ToArray();
    }

    private static async Task<IReadOnlyList<(int Index, QuestionRequest? Item)>> ReadArrayAsync(Stream body, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        try
        {
            var items = await JsonSerializer.DeserializeAsync<List<QuestionRequest?>>(body, json, cancellationToken);
            return items is null
                ? throw Malformed($"The body is the JSON null. Send an array of {Shape} objects.")
                : items.Select((item, i) => (i, item)).ToArray();
        }
        catch (JsonException e)
        {
            throw Malformed($"The body is not a JSON array of questions: {Describe(e, withLine: true)}. Send an array of {Shape} objects.");
        }
    }

    private static async Task<IReadOnlyList<(int Index, QuestionRequest? Item)>> ReadLinesAsync(Stream body, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var items = new List<(int, QuestionRequest?)>();
        using var reader = new StreamReader(body);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                items.Add((items.Count, JsonSerializer.Deserialize<QuestionRequest>(line, json)));
            }
            catch (JsonException e)
            {
                throw Malformed($"Line {number} is not a JSON question: {Describe(e, withLine: false)}. Send one {Shape} object per line.");
            }
        }
        return items;
    }

    private static QaQuestion Validate((int Index, QuestionRequest? Item) entry)
    {
        var (index, item) = entry;
        if (item is null)
        {
            throw Unusable($"Item {index} is null; each item is a {Shape} object.");
        }
        if (item.VideoId is not { } videoId)
        {
            throw Unusable($"Item {index} has no video_id; give the id of the video the question is about.");
        }
        if (string.IsNullOrWhiteSpace(item.Question))
        {
            throw Unusable($"Item {index} has no question text.");
        }
        return new QaQuestion(videoId, item.Question, item.Options);
    }

    // The serializer's message ends with where it stopped; the type it could not build means nothing to the caller.
    private static string Describe(JsonException e, bool withLine)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var why = message.Contains("could not be converted", StringComparison.Ordinal)
            ? "a value has the wrong type (video_id is a UUID string, question a string, options an array of strings)"
            : (cut > 0 ? message[..cut] : message).TrimEnd('.');
        var position = withLine ? $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}" : $"byte {e.BytePositionInLine + 1}";
        return $"{why} at {e.Path ?? "$"} ({position})";
    }

    private static RequestRejectedException Malformed(string detail) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.MalformedJson, detail);

    private static RequestRejectedException Unusable(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, ProblemTypes.QaBatchRejected, detail);
}

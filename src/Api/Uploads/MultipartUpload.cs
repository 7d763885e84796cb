using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using VideoLang.Api.Problems;

namespace VideoLang.Api.Uploads;

/// <summary>
/// Receives a <c>multipart/form-data</c> upload without buffering it: the part named <c>file</c> streams
/// to a temporary file while its size is counted against the cap and its SHA-256 computed; other parts
/// are read past. Nothing of a refused upload stays on disk.
/// </summary>
internal static class MultipartUpload
{
    public const string FileField = "file";

    // Room for the multipart boundaries and part headers (and small form fields) around the file.
    private const long EnvelopeBytes = 1024 * 1024;
    private const int BufferSize = 128 * 1024;

    public static async Task<UploadedFile> ReceiveAsync(HttpRequest request, string uploadDirectory, long maxFileBytes, CancellationToken cancellationToken)
    {
        var boundary = Boundary(request.ContentType);
        var tooLarge = $"The upload is larger than the limit of {Size(maxFileBytes)}. Compress, trim or split the video and upload again.";
        if (request.ContentLength > maxFileBytes + EnvelopeBytes)
        {
            throw new RequestRejectedException(StatusCodes.Status413PayloadTooLarge, ProblemTypes.UploadTooLarge, tooLarge);
        }
        // The server's own body limit is sized for JSON requests; this endpoint takes the upload cap (plus the envelope).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxFileBytes + EnvelopeBytes;
        }
        var body = new SizeLimitedStream(request.Body, maxFileBytes + EnvelopeBytes, tooLarge);
        // The file part is counted below; no second, lower limit of the reader's own.
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        UploadedFile? upload = null;
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FileField, StringComparison.Ordinal))
                {
                    continue;
                }
                if (upload is not null)
                {
                    throw new RequestRejectedException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest,
                        $"The request has more than one '{FileField}' part. Upload one video per request.");
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                upload = await SaveAsync(section.Body, uploadDirectory, UploadFileNames.Sanitise(name), maxFileBytes, tooLarge, cancellationToken);
            }
        }
        catch (Exception e) when (e is PayloadTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // Our count or the server's own body limit: either way the upload is over the cap.
            upload?.Dispose();
            throw new RequestRejectedException(StatusCodes.Status413PayloadTooLarge, ProblemTypes.UploadTooLarge, tooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or (IOException and not BadHttpRequestException) && !cancellationToken.IsCancellationRequested)
        {
            upload?.Dispose();
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest,
                $"The multipart body is malformed ({e.Message}). Send the video as multipart/form-data, e.g. curl -F {FileField}=@video.mp4.");
        }
        catch
        {
            upload?.Dispose();
            throw;
        }
        return upload ?? throw new RequestRejectedException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest,
            $"The request has no part named '{FileField}'. Send the video as multipart/form-data in a part named '{FileField}', e.g. curl -F {FileField}=@video.mp4.");
    }

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                $"Uploads are multipart/form-data (got {(string.IsNullOrEmpty(contentType) ? "no Content-Type" : $"'{contentType}'")}). Send the video in a part named '{FileField}', e.g. curl -F {FileField}=@video.mp4.");
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        // RFC 2046 caps boundaries at 70 characters.
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest,
                "The multipart/form-data Content-Type has no valid boundary. Let the HTTP client build the multipart body (curl -F, a FormData object).");
        }
        return boundary;
    }

    private static async Task<UploadedFile> SaveAsync(Stream source, string uploadDirectory, string fileName, long maxBytes, string tooLarge,
        CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetFullPath(uploadDirectory), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var file = new FileStream(Path.Combine(directory, fileName), FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        throw new PayloadTooLargeException(tooLarge);
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            return new UploadedFile(directory, fileName, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            UploadedFile.Delete(directory);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB ({bytes} bytes)")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}

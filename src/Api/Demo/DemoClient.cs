using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoLang.Api.Demo;

/// <summary>The demo's HTTP client for the VideoLang API: what any client would write, with the key as a bearer token.</summary>
internal sealed class DemoClient : IDisposable
{
    private readonly HttpClient _http;

    public DemoClient(string baseAddress, string apiKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseAddress + "/"), Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public async Task<JsonElement> UploadAsync(string path, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent();
        await using var file = File.OpenRead(path);
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        content.Add(part, "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/videos") { Content = content };
        return await SendAsync(request, cancellationToken);
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonElement> PostJsonAsync<T>(string path, T body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public void Dispose() => _http.Dispose();

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await _http.SendAsync(request, cancellationToken))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{request.Method} {request.RequestUri} -> {(int)response.StatusCode}: {body}");
            }
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}

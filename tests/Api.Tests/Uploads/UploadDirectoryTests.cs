using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoLang.Api.Hosting;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Uploads;

/// <summary>Without Api:UploadDirectory, uploads arrive in an <c>incoming</c> folder inside the configured storage, not in a temp folder or the working directory.</summary>
public sealed class UploadDirectoryTests(DefaultUploadsServer server) : IClassFixture<DefaultUploadsServer>
{
    [Fact]
    public async Task Upload_ArrivesInsideTheStorageDirectory_WhenNoUploadDirectoryIsConfigured()
    {
        var incoming = Path.Combine(server.StorageDirectory, ApiOptions.IncomingFolder);
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Writer.UploadAsync(server.Model.SpareVideos[0]);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(incoming, server.Services.GetRequiredService<IOptions<ApiOptions>>().Value.UploadDirectory);
        // The upload's folder was made there, and emptied once the file moved into storage.
        Assert.True(Directory.Exists(incoming), $"No {incoming}: the upload went elsewhere.");
        Assert.Empty(Directory.EnumerateFileSystemEntries(incoming));
        Assert.Single(Directory.EnumerateFiles(server.StorageDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void UploadFolder_IsTheConfiguredFolder_WhenOneIsSet()
    {
        var options = new ApiOptions { UploadDirectory = "/srv/uploads" };

        Assert.Equal("/srv/uploads", options.UploadFolder("/var/lib/videolang"));
        Assert.Equal(Path.GetFullPath("data/videos/incoming"), new ApiOptions().UploadFolder("data/videos"));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;
using VideoLang.Sampler.Validation;

namespace VideoLang.Jobs.Tests.Library;

public sealed class VideoLibraryTests : JobsDatabase
{
    [Fact]
    public async Task AddAsync_RejectsAndStoresNothing_WhenFileIsNotAVideo()
    {
        var library = (await ClientAsync()).GetRequiredService<VideoLibrary>();

        await Assert.ThrowsAsync<VideoRejectedException>(() => library.AddAsync("acme", Media.NotAVideo, "clip.mp4"));

        await using var db = Db();
        Assert.Equal(0, await db.Videos.CountAsync());
        Assert.Equal(0, await db.Jobs.CountAsync());
        Assert.False(Directory.Exists(TestOptions().StorageDirectory) && Directory.EnumerateFiles(TestOptions().StorageDirectory, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task AddAsync_StoresUnderTheHashAndTheProbedContainer_WhenTheClientsNameSaysOtherwise()
    {
        var library = (await ClientAsync()).GetRequiredService<VideoLibrary>();

        var added = await library.AddAsync("acme", Media.Videos[4], "folder/vid\u00e9o_\u65e5\u672c_\u202e4pm.exe\u0007");

        Assert.Equal(added.Video.Sha256 + ".mp4", Path.GetFileName(added.Video.StoredPath));
        Assert.Equal("vid\u00e9o_\u65e5\u672c_4pm.exe", added.Video.OriginalName);
    }

    [Fact]
    public async Task AddAsync_ReturnsTheFirstVideo_WhenSameContentOrKeyComesAgain()
    {
        var library = (await ClientAsync()).GetRequiredService<VideoLibrary>();

        var first = await library.AddAsync("acme", Media.Videos[0], "a.mp4", idempotencyKey: "key-1");
        var sameContent = await library.AddAsync("acme", Media.Videos[0], "renamed.mp4");
        var sameKey = await library.AddAsync("acme", Media.Videos[1], "b.mp4", idempotencyKey: "key-1");
        var otherTenant = await library.AddAsync("globex", Media.Videos[0], "a.mp4", idempotencyKey: "key-1");

        Assert.True(first.Created);
        Assert.False(sameContent.Created);
        Assert.False(sameKey.Created);
        Assert.Equal(first.Video.Id, sameContent.Video.Id);
        Assert.Equal(first.Video.Id, sameKey.Video.Id);
        Assert.Equal(first.Job!.Id, sameKey.Job!.Id);
        Assert.True(otherTenant.Created);
        Assert.Equal(first.Video.StoredPath, otherTenant.Video.StoredPath);
        await using var db = Db();
        Assert.Equal(2, await db.Videos.CountAsync());
        Assert.Equal(2, await db.Jobs.CountAsync());
    }

    [Fact]
    public async Task DeleteAsync_RemovesRowsAndKeepsFileStillShared_ThenRemovesFile()
    {
        var library = (await ClientAsync()).GetRequiredService<VideoLibrary>();
        var acme = await library.AddAsync("acme", Media.Videos[2], "a.mp4");
        var globex = await library.AddAsync("globex", Media.Videos[2], "a.mp4");

        Assert.False(await library.DeleteAsync("globex", acme.Video.Id));
        Assert.True(await library.DeleteAsync("acme", acme.Video.Id));
        Assert.True(File.Exists(globex.Video.StoredPath));
        Assert.True(await library.DeleteAsync("globex", globex.Video.Id));

        Assert.False(File.Exists(globex.Video.StoredPath));
        await using var db = Db();
        Assert.Equal(0, await db.Videos.CountAsync());
        Assert.Equal(0, await db.Jobs.CountAsync());
    }
}

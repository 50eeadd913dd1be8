using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>
/// Incident photos (issue 14 items 1 and 7, bad input): type by content, size and dimension limits, metadata stripped,
/// public (Open311 media_url) only after the coordination's moderation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IncidentPhotoTests(VigieFactory factory)
{
    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static byte[] Bytes(params object[] parts)
    {
        var ms = new MemoryStream();
        foreach (var p in parts)
            switch (p)
            {
                case byte[] b: ms.Write(b); break;
                case string s: ms.Write(Encoding.ASCII.GetBytes(s)); break;
                case int i: ms.WriteByte((byte)i); break;
            }
        return ms.ToArray();
    }

    private static byte[] Be16(int v) => [(byte)(v >> 8), (byte)v];
    private static byte[] Be32(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
    private static byte[] Le32(int v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];

    /// <summary>A JPEG's structure: JFIF, an EXIF segment with GPS and camera, a comment, a frame of 32 × 16, a scan, the end.</summary>
    public static byte[] JpegWithExif()
    {
        var exif = Bytes("Exif", 0, 0, "MM", "GPSLatitude 50.6372 N GPSLongitude 3.0633 E Canon EOS 5D");
        var comment = Bytes("Photo de Jean Dupont");
        var sof = Bytes(8, Be16(16), Be16(32), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
        var sos = Bytes(3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0);
        return Bytes(0xFF, 0xD8,
            0xFF, 0xE0, Be16(16), "JFIF", 0, 1, 1, 0, Be16(1), Be16(1), 0, 0,
            0xFF, 0xE1, Be16(exif.Length + 2), exif,
            0xFF, 0xFE, Be16(comment.Length + 2), comment,
            0xFF, 0xC0, Be16(sof.Length + 2), sof,
            0xFF, 0xDA, Be16(sos.Length + 2), sos, 0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78,
            0xFF, 0xD9);
    }

    private static byte[] Chunk(string type, byte[] data) => Bytes(Be32(data.Length), type, data, Be32(0));

    public static byte[] Png(int width, int height, bool metadata)
    {
        var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            for (var y = 0; y < Math.Min(height, 4); y++) z.Write(new byte[1 + Math.Min(width, 4) * 3]);
        return Bytes(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A },
            Chunk("IHDR", Bytes(Be32(width), Be32(height), 8, 2, 0, 0, 0)),
            metadata ? Chunk("tEXt", Bytes("Author", 0, "Jean Dupont")) : Array.Empty<byte>(),
            metadata ? Chunk("eXIf", Bytes("MM", "GPSLatitude")) : Array.Empty<byte>(),
            Chunk("IDAT", raw.ToArray()), Chunk("IEND", []));
    }

    private static byte[] WebPWithExif()
    {
        var vp8x = Bytes(0x08 | 0x04, 0, 0, 0, 63, 0, 0, 31, 0, 0); // EXIF + XMP flags, 64 × 32
        var vp8l = Bytes(0x2F, Le32(63 | 31 << 14), 0, 0, 0);
        var exif = Bytes("MM", "GPSLatitude");
        var body = Bytes("WEBP", "VP8X", Le32(vp8x.Length), vp8x, "VP8L", Le32(vp8l.Length), vp8l, "EXIF", Le32(exif.Length), exif, 0);
        return Bytes("RIFF", Le32(body.Length), body);
    }

    private static MultipartFormDataContent Upload(byte[] content, string name, string type = "image/jpeg")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static string Latin(byte[] b) => Encoding.Latin1.GetString(b);

    [Fact]
    public async Task Jpeg_IsStrippedOfExifAndComments_AndPublicOnlyOnceApproved()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var incident = await s.ReportAsync("TAG-STD");
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetInt32();
        var photos = $"{s.Base}/incidents/{id}/photos";

        var created = await s.LandlordApi.PostAsync(photos, Upload(JpegWithExif(), "tag.jpg"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var photoId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var stored = await s.ReaderApi.GetByteArrayAsync($"{photos}/{photoId}");
        var text = Latin(stored);
        Assert.DoesNotContain("Exif", text);
        Assert.DoesNotContain("GPS", text);
        Assert.DoesNotContain("Canon", text);
        Assert.DoesNotContain("Dupont", text);
        Assert.Contains("JFIF", text);
        Assert.Equal([0xFF, 0xD8], stored[..2]);
        Assert.Equal([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0xFF, 0xD9], stored[^10..]);
        var list = await s.ReaderApi.GetFromJsonAsync<JsonElement>(photos);
        Assert.Equal("Pending", list[0].GetProperty("status").GetString());
        Assert.Equal(32, list[0].GetProperty("width").GetInt32());

        var request = $"/open311/v2/requests/{number}.json?jurisdiction_id={jurisdiction}";
        Assert.Equal(JsonValueKind.Null, (await Anonymous().GetFromJsonAsync<JsonElement>(request))[0].GetProperty("media_url").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/open311/v2/media/{photoId}")).StatusCode);
        var queue = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incident-photos/pending");
        Assert.Contains(queue.EnumerateArray(), p => p.GetProperty("id").GetGuid() == photoId);

        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.PostAsJsonAsync($"{photos}/{photoId}/moderation", new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{photos}/{photoId}/moderation", new { decision = "approve" })).StatusCode);

        var mediaUrl = (await Anonymous().GetFromJsonAsync<JsonElement>(request))[0].GetProperty("media_url").GetString()!;
        Assert.EndsWith($"/open311/v2/media/{photoId}", mediaUrl);
        var media = await Anonymous().GetAsync(new Uri(mediaUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("image/jpeg", media.Content.Headers.ContentType!.MediaType);
        Assert.Equal(stored, await media.Content.ReadAsByteArrayAsync());
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == "incident.photo-moderated" && e.EntityId == photoId.ToString())));
    }

    [Fact]
    public async Task PhotoOfAPartnerOnlyCategory_NeverBecomesPublic_EvenApproved()
    {
        var s = await factory.IncidentSetupAsync();
        await s.Open311Async();
        var id = (await s.ReportAsync("HALL-OCC")).GetProperty("id").GetGuid();
        var created = await s.CoordinatorApi.PostAsync($"{s.Base}/incidents/{id}/photos", Upload(Png(3, 2, metadata: false), "hall.png", "image/png"));
        var photoId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{id}/photos/{photoId}/moderation", new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/open311/v2/media/{photoId}")).StatusCode);
    }

    [Fact]
    public async Task PngAndWebP_LoseTheirMetadataChunks_AndKeepTheirPixels()
    {
        var s = await factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("TAG-STD")).GetProperty("id").GetGuid();
        var photos = $"{s.Base}/incidents/{id}/photos";

        var png = await s.PoliceApi.PostAsync(photos, Upload(Png(4, 3, metadata: true), "tag.png", "image/png"));
        Assert.Equal(HttpStatusCode.Created, png.StatusCode);
        var pngId = (await png.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var pngText = Latin(await s.PoliceApi.GetByteArrayAsync($"{photos}/{pngId}"));
        Assert.DoesNotContain("tEXt", pngText);
        Assert.DoesNotContain("eXIf", pngText);
        Assert.DoesNotContain("Dupont", pngText);
        Assert.Contains("IDAT", pngText);
        Assert.EndsWith("IEND\0\0\0\0", pngText);

        var webp = await s.PoliceApi.PostAsync(photos, Upload(WebPWithExif(), "tag.webp", "image/webp"));
        Assert.Equal(HttpStatusCode.Created, webp.StatusCode);
        var webpId = (await webp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var webpBytes = await s.PoliceApi.GetByteArrayAsync($"{photos}/{webpId}");
        Assert.DoesNotContain("EXIF", Latin(webpBytes));
        Assert.Equal(0, webpBytes[20] & 0x0C); // the VP8X flags no longer announce EXIF nor XMP
        Assert.Equal(webpBytes.Length - 8, BitConverter.ToInt32(webpBytes, 4));
        var list = await s.PoliceApi.GetFromJsonAsync<JsonElement>(photos);
        Assert.Equal([(4, 3), (64, 32)], list.EnumerateArray().Select(p => (p.GetProperty("width").GetInt32(), p.GetProperty("height").GetInt32())).ToArray());
    }

    [Fact]
    public async Task BadPhotos_ExecutableRenamedJpg_DecompressionBomb_50MegaBytes_Reader_AreRefused_AndNothingIsStored()
    {
        var s = await factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("TAG-STD")).GetProperty("id").GetGuid();
        var photos = $"{s.Base}/incidents/{id}/photos";
        async Task<string> RefusedAsync(HttpResponseMessage r)
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString()!;
        }

        var exe = Bytes("MZ", 0x90, 0, 3, 0, 0, 0, 4, 0, "This program cannot be run in DOS mode.");
        Assert.Contains("JPEG, PNG ou WebP", await RefusedAsync(await s.LandlordApi.PostAsync(photos, Upload(exe, "photo.jpg"))));
        Assert.Contains("trop grande", await RefusedAsync(await s.LandlordApi.PostAsync(photos, Upload(Png(50_000, 50_000, metadata: false), "bombe.png", "image/png"))));
        Assert.Contains("tronqué", await RefusedAsync(await s.LandlordApi.PostAsync(photos, Upload(JpegWithExif()[..40], "coupee.jpg"))));
        Assert.Contains("Choisissez la photo", await RefusedAsync(await s.LandlordApi.PostAsync(photos, new MultipartFormDataContent { { new StringContent("x"), "autre" } })));

        var huge = await s.LandlordApi.PostAsync(photos, Upload(new byte[50 * 1024 * 1024], "enorme.jpg"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("dépasse la taille maximale", await huge.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PostAsync(photos, Upload(JpegWithExif(), "tag.jpg"))).StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.IncidentPhotos.CountAsync(p => p.IncidentId == id)));
    }

    [Fact]
    public async Task Page_MemberUploads_CoordinatorPublishes()
    {
        var s = await factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("TAG-STD")).GetProperty("id").GetGuid();
        var url = $"/contrats/{s.Contract.Id}/signalements/{id}";
        var police = await PageClient.SignedInAsync(factory, s.Police);

        var exe = await police.PostMultipartAsync($"{url}?handler=Photo", Upload(Bytes("MZ", 0x90, 0, "exe"), "photo.jpg"), url);
        Assert.Equal(HttpStatusCode.Redirect, exe.StatusCode);
        Assert.Contains("JPEG, PNG ou WebP", PageClient.Parse(await police.Http.GetStringAsync(url)).Body!.TextContent);

        var ok = await police.PostMultipartAsync($"{url}?handler=Photo", Upload(JpegWithExif(), "tag.jpg"), url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = PageClient.Parse(await police.Http.GetStringAsync(url));
        Assert.Contains("En attente de modération", page.Body!.TextContent);
        Assert.DoesNotContain("Publier la photo", page.Body!.TextContent);
        var img = page.QuerySelector("ul.vigie-photos img")!.GetAttribute("src")!;
        Assert.Equal("image/jpeg", (await police.Http.GetAsync(img)).Content.Headers.ContentType!.MediaType);

        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        var photoId = await factory.WithDb(db => db.IncidentPhotos.Where(p => p.IncidentId == id).Select(p => p.Id).SingleAsync());
        var approve = await coordinator.PostFormAsync($"{url}?handler=Moderate", new() { ["photoId"] = photoId.ToString(), ["decision"] = "approve" }, url);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("Publiée", PageClient.Parse(await coordinator.Http.GetStringAsync(url)).Body!.TextContent);
    }
}

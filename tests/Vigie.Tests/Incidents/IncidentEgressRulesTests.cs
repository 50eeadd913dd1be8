using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>
/// What leaves Vigie agrees with itself: a partner's Open311 answer links only photos that media_url serves; a published
/// photo is never kept by caches after it is withdrawn; "partner" means the same in Open311 and the export; the
/// moderation message says the decision in French.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IncidentEgressRulesTests(VigieFactory factory)
{
    private static MultipartFormDataContent Upload(byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "photo.png" } };
    }

    private async Task<Guid> ApprovedPhotoAsync(IncidentSetup s, Guid incidentId)
    {
        var created = await s.CoordinatorApi.PostAsync($"{s.Base}/incidents/{incidentId}/photos", Upload(IncidentPhotoTests.Png(3, 2, metadata: false)));
        var photoId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{incidentId}/photos/{photoId}/moderation", new { decision = "approve" })).StatusCode);
        return photoId;
    }

    [Fact]
    public async Task PartnerOpen311Answer_LinksOnlyPhotosMediaUrlServes_AndMediaIsNeverCachedLong()
    {
        var s = await factory.IncidentSetupAsync();
        var (jurisdiction, _) = await s.Open311Async();
        var hall = await s.ReportAsync("HALL-OCC");
        var tag = await s.ReportAsync("TAG-STD");
        await ApprovedPhotoAsync(s, hall.GetProperty("id").GetGuid());
        var tagPhoto = await ApprovedPhotoAsync(s, tag.GetProperty("id").GetGuid());

        var answer = (await s.LandlordApi.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}")).EnumerateArray().ToList();
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var r in answer.Where(r => r.GetProperty("media_url").ValueKind == JsonValueKind.String))
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(r.GetProperty("media_url").GetString()!).PathAndQuery)).StatusCode);
        Assert.Equal(JsonValueKind.Null, answer.Single(r => r.GetProperty("service_code").GetString() == "HALL-OCC").GetProperty("media_url").ValueKind);
        Assert.EndsWith($"/media/{tagPhoto}", answer.Single(r => r.GetProperty("service_code").GetString() == "TAG-STD").GetProperty("media_url").GetString());

        var media = await anonymous.GetAsync($"/open311/v2/media/{tagPhoto}");
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.True(media.Headers.CacheControl!.NoCache);
        Assert.Equal(TimeSpan.Zero, media.Headers.CacheControl.MaxAge);
        // Withdrawn (refused after publication): gone at once.
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/incidents/{tag.GetProperty("id").GetGuid()}/photos/{tagPhoto}/moderation", new { decision = "reject" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/open311/v2/media/{tagPhoto}")).StatusCode);
    }

    [Fact]
    public async Task Export_PartnerOnlyCategories_GoToPartnersAsInOpen311_NotToReaders()
    {
        var s = await factory.IncidentSetupAsync();
        await s.ReportAsync("HALL-OCC");
        await s.ReportAsync("TAG-STD");

        var reader = await s.ReaderApi.GetStringAsync($"{s.Base}/incidents/export?format=csv");
        Assert.Contains("TAG-STD", reader);
        Assert.DoesNotContain("HALL-OCC", reader);
        var partner = await s.PoliceApi.GetStringAsync($"{s.Base}/incidents/export?format=csv");
        Assert.Contains("HALL-OCC", partner);
        Assert.Contains("TAG-STD", partner);

        // The GeoJSON file leaves Vigie too: the same rule (a reader reads partner-only incidents in Vigie, never takes them out).
        var readerGeo = await s.ReaderApi.GetStringAsync($"{s.Base}/incidents/geojson");
        Assert.Contains("TAG-STD", readerGeo);
        Assert.DoesNotContain("HALL-OCC", readerGeo);
        var partnerGeo = await s.PoliceApi.GetStringAsync($"{s.Base}/incidents/geojson");
        Assert.Contains("HALL-OCC", partnerGeo);
        var readerList = await s.ReaderApi.GetStringAsync($"{s.Base}/incidents");
        Assert.Contains("HALL-OCC", readerList);
    }

    [Fact]
    public async Task ModerationMessage_SaysTheStoredDecisionInFrench()
    {
        var s = await factory.IncidentSetupAsync();
        var id = (await s.ReportAsync("TAG-STD")).GetProperty("id").GetGuid();
        var created = await s.CoordinatorApi.PostAsync($"{s.Base}/incidents/{id}/photos", Upload(IncidentPhotoTests.Png(3, 2, metadata: false)));
        var photoId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var url = $"/contrats/{s.Contract.Id}/signalements/{id}";
        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);

        // A client sending "Approve" (not the form's lower-case value) publishes the photo: the message must say so.
        var approved = await coordinator.PostFormAsync($"{url}?handler=Moderate", new() { ["photoId"] = photoId.ToString(), ["decision"] = "Approve" }, url);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var text = PageClient.Parse(await coordinator.Http.GetStringAsync(url)).Body!.TextContent;
        Assert.Contains("Décision enregistrée : photo publiée.", text);
        Assert.DoesNotContain("refusée", text);
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.VideoProtection;

/// <summary>Who may read and keep the register: readers and partners read it, only coordinators keep it and read the judicial register.</summary>
[Collection(AppCollection.Name)]
public sealed class VideoAccessTests(VigieFactory factory)
{
    [Fact]
    public async Task Api_ReaderAndPartnerRead_OnlyTheCoordinatorWrites_OthersSeeNothing()
    {
        var s = await factory.VideoSetupAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.ReaderApi.GetAsync(s.Base)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.PartnerApi.GetAsync(s.Base)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.GetAsync($"{s.Base}/judicial-register")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.PartnerApi.GetAsync($"{s.Base}/judicial-register")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.PartnerApi.PostAsJsonAsync($"{s.Base}/committee/members", new { name = "X", quality = "Habitant" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.GetAsync(s.Base)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.PostAsJsonAsync($"{s.Base}/committee/members", new { name = "X", quality = "Habitant" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(s.Base)).StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.VideoCommitteeMembers.CountAsync(m => m.ContractId == s.Contract.Id)));
    }

    [Fact]
    public async Task Pages_ReaderSeesTheRegisterButNotTheJudicialRegister()
    {
        var s = await factory.VideoSetupAsync();
        var reader = await PageClient.SignedInAsync(factory, s.Reader);
        var page = await reader.Http.GetAsync($"/contrats/{s.Contract.Id}/videoprotection");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Puteaux", PageClient.Parse(await page.Content.ReadAsStringAsync()).Body!.TextContent);
        foreach (var page2 in new[] { "registre", "saisie" })
        {
            var refused = await reader.Http.GetAsync($"/contrats/{s.Contract.Id}/videoprotection/{page2}");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/compte/acces-refuse", refused.Headers.Location!.OriginalString);
        }
        var anonymous = PageClient.Create(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Http.GetAsync($"/contrats/{s.Contract.Id}/videoprotection")).StatusCode);
    }

    [Fact]
    public async Task Page_CameraForm_OutsideThePerimeter_ShowsTheFrenchErrorAndSavesNothing()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/videoprotection/saisie";
        var response = await coordinator.PostFormAsync(url + "?handler=Camera", new()
        {
            ["CameraForm.Code"] = "CAM-HORS", ["CameraForm.Site"] = "Les Bergères", ["CameraForm.Latitude"] = "48,87", ["CameraForm.Longitude"] = "2,21",
            ["CameraForm.AuthorisationId"] = auth.ToString(), ["CameraForm.Purpose"] = "5", ["CameraForm.State"] = "Installee",
        }, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hors du périmètre autorisé", PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await factory.WithDb(db => db.VideoCameras.CountAsync(c => c.ContractId == s.Contract.Id)));
    }
}

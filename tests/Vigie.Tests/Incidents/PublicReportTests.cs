using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Incidents;

/// <summary>The anonymous public report form (issue 14 item 7): only where opened, public categories, inside the territory, photo checked, nothing partial.</summary>
[Collection(AppCollection.Name)]
public sealed class PublicReportTests(VigieFactory factory)
{
    private static string Text(string html) => PageClient.Parse(html).Body!.TextContent;

    private static MultipartFormDataContent Form(string category, string lat, string lon, string description, byte[]? photo = null, string photoName = "photo.jpg")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(category), "Input.Category" }, { new StringContent("Rue Esquermoise"), "Input.Address" },
            { new StringContent(lat), "Input.Latitude" }, { new StringContent(lon), "Input.Longitude" }, { new StringContent(description), "Input.Description" },
        };
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "Input.Photo", photoName);
        }
        return form;
    }

    [Fact]
    public async Task ClosedForm_IsNotFound_OpenedForm_TakesAnAnonymousReportWithAPendingStrippedPhoto()
    {
        var s = await factory.IncidentSetupAsync();
        var url = $"/public/contrats/{s.Contract.Id}/signaler";
        var anonymous = PageClient.Create(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.PutAsJsonAsync($"{s.Base}/incident-public-form", new { enabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/incident-public-form", new { enabled = true })).StatusCode);
        var page = await anonymous.Http.GetStringAsync(url);
        Assert.Contains("Tags / graffitis", page);
        Assert.DoesNotContain("HALL-OCC", page);

        var r = await anonymous.PostMultipartAsync(url, Form("TAG-STD", "50,6372", "3,0633", "Tag sur la façade de l'école", IncidentPhotoTests.JpegWithExif()));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("Merci", Text(await anonymous.Http.GetStringAsync(url)));
        var incident = await factory.WithDb(db => db.Incidents.SingleAsync(i => i.ContractId == s.Contract.Id));
        Assert.Equal(IncidentSource.Resident, incident.Source);
        Assert.Equal(IncidentStatus.Transmis, incident.Status);
        var photo = await factory.WithDb(db => db.IncidentPhotos.Include(p => p.File).SingleAsync(p => p.IncidentId == incident.Id));
        Assert.Equal(IncidentPhotoStatus.Pending, photo.Status);
        Assert.DoesNotContain("GPS", System.Text.Encoding.Latin1.GetString(photo.File!.Content));
        Assert.Null(photo.UploadedById);
    }

    [Fact]
    public async Task BadReports_OutsideTheTerritory_PartnerOnlyCategory_Executable_Html_AreRefusedInFrench_AndNothingIsSaved()
    {
        var s = await factory.IncidentSetupAsync();
        await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/incident-public-form", new { enabled = true });
        var url = $"/public/contrats/{s.Contract.Id}/signaler";
        var anonymous = PageClient.Create(factory);

        async Task<string> RefusedAsync(MultipartFormDataContent form)
        {
            var r = await anonymous.PostMultipartAsync(url, form);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return Text(await r.Content.ReadAsStringAsync());
        }

        Assert.Contains("territoire", await RefusedAsync(Form("TAG-STD", "48,8566", "2,3522", "Tag à Paris")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ne peut pas être signalée ici", await RefusedAsync(Form("DROGUE-LIEU", "50,6372", "3,0633", "Point de deal")));
        Assert.Contains("JPEG, PNG ou WebP", await RefusedAsync(Form("TAG-STD", "50,6372", "3,0633", "Tag", "MZ\u0090\0exe"u8.ToArray(), "photo.jpg")));
        Assert.Contains("balises HTML", await RefusedAsync(Form("TAG-STD", "50,6372", "3,0633", "<script>alert(1)</script>")));
        Assert.Contains("4 000 caractères", await RefusedAsync(Form("TAG-STD", "50,6372", "3,0633", new string('a', 5000))));

        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
        Assert.Equal(0, await factory.WithDb(db => db.IncidentPhotos.CountAsync(p => p.ContractId == s.Contract.Id)));

        var noToken = await anonymous.Http.PostAsync(url, Form("TAG-STD", "50,6372", "3,0633", "Sans jeton antiforgery"));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(0, await factory.IncidentCountAsync(s.Contract.Id));
    }
}

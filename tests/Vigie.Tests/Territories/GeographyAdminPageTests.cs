using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Territories;

[Collection(AppCollection.Name)]
public sealed class GeographyAdminPageTests(VigieFactory factory)
{
    private const string Url = "/admin/geographie";

    private static ByteArrayContent FileContent(byte[] bytes, string name, MultipartFormDataContent form)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(content, "Files", name);
        return content;
    }

    private static byte[] Real(string name) => File.ReadAllBytes(Path.Combine(Geography.InseeFolder, name));

    [Fact]
    public async Task Get_AsNonAdministrator_IsDenied()
    {
        var client = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        Geography.AssertDenied(await client.Http.GetAsync(Url));
    }

    [Fact]
    public async Task Upload_RealFiles_IsQueued_ReachesTermineWithRowsCounted_AndShowsCounts()
    {
        await factory.EnsureGeographyAsync();
        var admin = await factory.AdminAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var before = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.GeographyImported));
        using var form = new MultipartFormDataContent();
        foreach (var name in new[] { "regions.csv", "departements.csv", "communes.csv", "donnees_communes.csv" })
            FileContent(Real(name), name, form);

        var response = await client.PostMultipartAsync(Url + "?handler=Upload", form, Url);

        // Queued: the answer is immediate and leads to the import status page, which follows the job to the end.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var statusPage = response.Headers.Location!;
        Assert.StartsWith("/observatoire/imports/", statusPage.OriginalString);
        var queued = await client.GetDocumentAsync(statusPage.OriginalString);
        Assert.Contains("regions.csv, departements.csv, communes.csv, donnees_communes.csv", queued.QuerySelector("h1")!.TextContent);
        var final = await client.Http.WaitForImportAsync(statusPage);
        Assert.Equal("Terminé", final.GetProperty("statusLabel").GetString());
        Assert.Equal(37_667, final.GetProperty("rowsRead").GetInt64()); // régions, départements, communes and their arrondissements, associées, déléguées
        Assert.Equal(37_667, final.GetProperty("rowsImported").GetInt64());
        var page = await client.GetDocumentAsync(Url);
        Assert.Contains("0 ajout(s), 0 modification(s)", page.Body!.TextContent);
        // Other tests add fictitious communes (département 99) to the shared database: count them in.
        var communes = await factory.WithDb(db => db.Territories.CountAsync(t => t.Kind == Vigie.Web.Domain.TerritoryKind.Commune));
        Assert.True(communes >= 34_875);
        Assert.Contains(communes.ToString("N0", Vigie.Web.Infrastructure.Culture.French), page.QuerySelector("table")!.TextContent);
        Assert.Equal(before + 1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.GeographyImported)));
        // The worker runs it, on behalf of the administrator who queued it.
        Assert.Equal(admin.Id, await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.GeographyImported).OrderByDescending(e => e.Id).Select(e => e.UserId).FirstAsync()));
    }

    [Fact]
    public async Task Upload_FileWithMissingColumn_ShowsFrenchErrorAndChangesNothing()
    {
        await factory.EnsureGeographyAsync();
        var client = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var before = await factory.WithDb(db => db.Territories.CountAsync());
        var communes = Encoding.UTF8.GetString(Real("communes.csv")).Replace("TYPECOM,", "TYPE,");
        using var form = new MultipartFormDataContent();
        FileContent(Real("regions.csv"), "regions.csv", form);
        FileContent(Real("departements.csv"), "departements.csv", form);
        FileContent(Encoding.UTF8.GetBytes(communes), "communes.csv", form);

        var response = await client.PostMultipartAsync(Url + "?handler=Upload", form, Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var final = await client.Http.WaitForImportAsync(response.Headers.Location!);
        Assert.Equal("Échec", final.GetProperty("statusLabel").GetString());
        Assert.Contains("Import annulé, aucune donnée n'a été modifiée. communes.csv : la colonne « TYPECOM » est manquante dans l'en-tête.", final.GetProperty("summary").GetString());
        Assert.Equal(before, await factory.WithDb(db => db.Territories.CountAsync()));
    }

    [Fact]
    public async Task Upload_UnknownFileName_IsRefusedInFrench()
    {
        var client = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        using var form = new MultipartFormDataContent();
        FileContent("a,b\r\n1,2"u8.ToArray(), "autre.csv", form);

        var response = await client.PostMultipartAsync(Url + "?handler=Upload", form, Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Fichier non reconnu : « autre.csv »", await response.Content.ReadAsStringAsync());
    }
}

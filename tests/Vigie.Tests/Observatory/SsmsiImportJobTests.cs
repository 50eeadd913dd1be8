using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using static Vigie.Web.Features.Observatory.IndicatorCatalog;

namespace Vigie.Tests.Observatory;

/// <summary>Imports as background jobs: through the API (202 + status URL) and through the upload page.</summary>
[Collection(AppCollection.Name)]
public sealed class SsmsiImportJobTests(VigieFactory factory)
{
    private static MultipartFormDataContent Upload(string fileName, byte[] content, string? edition)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        if (edition is not null) form.Add(new StringContent(edition), "edition");
        return form;
    }

    private static async Task<JsonElement> PollUntilFinishedAsync(HttpClient api, string url)
    {
        for (var i = 0; i < 240; i++)
        {
            var status = await api.GetFromJsonAsync<JsonElement>(url);
            if (status.GetProperty("status").GetString() is "succeeded" or "failed") return status;
            await Task.Delay(250);
        }
        throw new TimeoutException("L'import n'est pas terminé après 60 s.");
    }

    [Fact]
    public async Task PostImport_AsAdmin_Accepted_ThenSucceedsWithValues()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());
        var content = SsmsiTestKit.Head(SsmsiTestKit.Jan2025, 301);

        var response = await api.PostAsync("/api/v1/observatory/imports", Upload("extrait-departements.csv", content, "2002-03-04"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = body.GetProperty("statusUrl").GetString()!;
        Assert.Equal(statusUrl, response.Headers.Location!.OriginalString);
        var final = await PollUntilFinishedAsync(api, statusUrl);
        Assert.Equal("succeeded", final.GetProperty("status").GetString());
        Assert.Equal(300, final.GetProperty("rowsRead").GetInt64());
        Assert.Equal(300, final.GetProperty("rowsImported").GetInt64());
        Assert.Equal(JsonValueKind.Null, final.GetProperty("error").ValueKind);
        var ain = await factory.ValueAsync(new DateOnly(2002, 3, 4), StatLevel.Departement, "01", 2016, Homicides);
        Assert.Equal(5, ain!.Count);
        var storage = await factory.WithDb(db => db.ImportJobs.Where(j => j.Id == body.GetProperty("id").GetGuid()).Select(j => j.StoragePath).SingleAsync());
        Assert.False(File.Exists(storage)); // the uploaded file is deleted after the job
    }

    [Fact]
    public async Task PostImport_CorruptedFile_JobFailsWithFrenchErrorAndNothingSaved()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());
        var content = SsmsiTestKit.Head(SsmsiTestKit.Jun2025, 40);
        var before = await factory.CountsAsync();

        var response = await api.PostAsync("/api/v1/observatory/imports", Upload("tronque.csv", content[..^10], "2002-05-06"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        var final = await PollUntilFinishedAsync(api, url);
        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Contains("« tronque.csv », ligne 40", final.GetProperty("error").GetString());
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task PostImport_NoEditionInNameOrField_400OnEdition()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());

        var response = await api.PostAsync("/api/v1/observatory/imports", Upload("sans-date.csv", SsmsiTestKit.Head(SsmsiTestKit.Jun2025, 5), null));
        var bad = await api.PostAsync("/api/v1/observatory/imports", Upload("sans-date.csv", SsmsiTestKit.Head(SsmsiTestKit.Jun2025, 5), "04/06/2025"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Édition inconnue", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("edition")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("AAAA-MM-JJ", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostImport_NonAdmin_Forbidden()
    {
        var api = await factory.ApiClientAsync(await factory.UserAsync());

        var response = await api.PostAsync("/api/v1/observatory/imports", Upload("x-produit-le2025-06-04.csv", SsmsiTestKit.Head(SsmsiTestKit.Jun2025, 5), null));
        var status = await api.GetAsync($"/api/v1/observatory/imports/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.ImportJobs.CountAsync(j => j.FileName == "x-produit-le2025-06-04.csv")));
    }

    [Fact]
    public async Task UploadPage_AsAdmin_QueuesJobAndStatusPageReportsIt()
    {
        var page = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(SsmsiTestKit.Head(SsmsiTestKit.Jun2025, 101)), "Input.File", "page-extrait.csv" },
            { new StringContent("2002-07-08"), "Input.Edition" },
        };

        var response = await page.PostMultipartAsync("/observatoire/imports", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/observatoire/imports/", location);
        JsonElement status = default;
        for (var i = 0; i < 240; i++)
        {
            status = await page.Http.GetFromJsonAsync<JsonElement>(location + "?handler=Status");
            if (status.GetProperty("finished").GetBoolean()) break;
            await Task.Delay(250);
        }
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal(100, status.GetProperty("rowsImported").GetInt64());
        var doc = await page.GetDocumentAsync(location);
        Assert.Contains("page-extrait.csv", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("100 lignes importées", doc.QuerySelector("#import-summary")!.TextContent.Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.NotNull(doc.QuerySelector("a[href='" + location + "']")); // "Actualiser" fallback
        var list = await page.GetDocumentAsync("/observatoire/imports");
        Assert.Contains("page-extrait.csv", list.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task UploadPage_MissingEditionForRenamedFile_ErrorOnEditionField()
    {
        var page = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var form = new MultipartFormDataContent { { new ByteArrayContent(SsmsiTestKit.Head(SsmsiTestKit.Jun2025, 5)), "Input.File", "renomme.csv" } };

        var response = await page.PostMultipartAsync("/observatoire/imports", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Édition inconnue pour « renomme.csv »", doc.Body!.TextContent);
        Assert.Equal(0, await factory.WithDb(db => db.ImportJobs.CountAsync(j => j.FileName == "renomme.csv")));
    }

    [Fact]
    public async Task UploadPage_NonAdmin_Denied()
    {
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());

        var response = await page.Http.GetAsync("/observatoire/imports");

        Geography.AssertDenied(response);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Observatory;
using Vigie.Web.Features.Observatory.PartnerSeries;

namespace Vigie.Tests.Observatory;

internal static class PartnerSeriesKit
{
    public static MultipartFormDataContent Csv(string csv, Guid? organisationId = null, string field = "file")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, field, "series.csv");
        if (organisationId is { } org) content.Add(new StringContent(org.ToString()), field == "file" ? "organisationId" : "OrganisationId");
        return content;
    }

    public static async Task<(SecurityContract Contract, string Commune, TestUser Coordinator, TestUser Partner, Organisation PartnerOrg)> SetupAsync(VigieFactory f)
    {
        var coordinator = await f.UserAsync();
        var partnerOrg = await f.OrganisationAsync(type: PartnerType.BailleurSocial);
        var partner = await f.UserAsync(partnerOrg.Id);
        var contract = await f.ContractAsync((coordinator, ContractRole.Coordinator), (partner, ContractRole.PartnerMember));
        var commune = await f.WithDb(db => db.ContractTerritories.Where(t => t.ContractId == contract.Id).Select(t => t.Territory!.Code).SingleAsync());
        return (contract, commune, coordinator, partner, partnerOrg);
    }

    public static Task<int> ValueCountAsync(VigieFactory f, Guid contractId) =>
        f.WithDb(db => db.PartnerSeriesValues.CountAsync(v => db.PartnerSeries.Any(s => s.Id == v.SeriesId && s.ContractId == contractId)));
}

[Collection(AppCollection.Name)]
public sealed class PartnerSeriesImportTests(VigieFactory factory)
{
    [Fact]
    public async Task Import_TemplateConformantCsv_StoresSeriesAndIsIdempotent()
    {
        var (contract, commune, _, partner, org) = await PartnerSeriesKit.SetupAsync(factory);
        var csv = "serie;source;unite;periode;territoire;valeur\n"
                  + "Incivilités halls;bailleur;faits;2023;;12\n"
                  + $"Incivilités halls;bailleur;faits;2024;{commune};7,5\n"
                  + "Incivilités halls;bailleur;faits;2024;;3\n";
        var api = await factory.ApiClientAsync(partner);
        var first = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv(csv));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var report = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, report.GetProperty("seriesCreated").GetInt32());
        Assert.Equal(3, report.GetProperty("inserted").GetInt32());

        var again = JsonDocument.Parse(await (await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv(csv))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(3, await PartnerSeriesKit.ValueCountAsync(factory, contract.Id));

        var list = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/contracts/{contract.Id}/series")).RootElement;
        var series = Assert.Single(list.EnumerateArray().ToList());
        Assert.Equal(org.Id, series.GetProperty("organisationId").GetGuid());
        Assert.Equal("bailleur", series.GetProperty("source").GetString());
        var values = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/contracts/{contract.Id}/series/{series.GetProperty("id").GetGuid()}/values")).RootElement;
        Assert.Contains(values.EnumerateArray(), v => v.GetProperty("territory").GetString() == commune && v.GetProperty("value").GetDecimal() == 7.5m);
    }

    [Fact]
    public async Task Import_ChangedValue_UpdatesOnlyThatValue()
    {
        var (contract, _, _, partner, _) = await PartnerSeriesKit.SetupAsync(factory);
        var api = await factory.ApiClientAsync(partner);
        const string header = "serie;source;unite;periode;territoire;valeur\n";
        await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv(header + "Main courante;police-municipale;mentions;2024-01;;10\nMain courante;police-municipale;mentions;2024-02;;11\n"));
        var second = JsonDocument.Parse(await (await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports",
            PartnerSeriesKit.Csv(header + "Main courante;police-municipale;mentions;2024-02;;12\n"))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, second.GetProperty("updated").GetInt32());
        Assert.Equal(2, await PartnerSeriesKit.ValueCountAsync(factory, contract.Id));
    }

    [Fact]
    public async Task Import_InvalidLines_ReportsEachLineAndSavesNothing()
    {
        var (contract, _, _, partner, _) = await PartnerSeriesKit.SetupAsync(factory);
        var csv = "serie;source;unite;periode;territoire;valeur\n"
                  + "Série A;bailleur;faits;2024;;4\n"          // valid, but must not be saved
                  + "Série A;bailleur;faits;2024-13;;4\n"       // line 3: bad period
                  + "Série A;bailleur;faits;2023;;-2\n"         // line 4: negative
                  + "Série A;bailleur;faits;2022;75113;2\n"     // line 5: commune outside the contract
                  + "Série A;bailleur;faits;2021;;douze\n";     // line 6: text in number
        var api = await factory.ApiClientAsync(partner);
        var response = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv(csv));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("lineErrors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString()!)).ToList();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Item1 == 3 && e.Item2 == "periode" && e.Item3.Contains("AAAA-MM"));
        Assert.Contains(errors, e => e.Item1 == 4 && e.Item2 == "valeur" && e.Item3.Contains("négative"));
        Assert.Contains(errors, e => e.Item1 == 5 && e.Item2 == "territoire" && e.Item3.Contains("75113"));
        Assert.Contains(errors, e => e.Item1 == 6 && e.Item2 == "valeur" && e.Item3.Contains("n'est pas un nombre"));
        Assert.True(problem.GetProperty("errors").TryGetProperty("ligne 3 : periode", out _));
        Assert.Equal(0, await factory.WithDb(db => db.PartnerSeries.CountAsync(s => s.ContractId == contract.Id)));
    }

    [Fact]
    public async Task Import_MissingColumn_NamesIt()
    {
        var (contract, _, coordinator, _, org) = await PartnerSeriesKit.SetupAsync(factory);
        var api = await factory.ApiClientAsync(coordinator);
        var response = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv("serie;source;periode;valeur\nA;autre;2024;1\n", org.Id));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("La colonne « unite » est absente", await response.Content.ReadAsStringAsync());
    }
}

[Collection(AppCollection.Name)]
public sealed class PartnerSeriesPermissionTests(VigieFactory factory)
{
    private const string Csv = "serie;source;unite;periode;territoire;valeur\nPassages;transport;incidents;2024;;9\n";

    [Fact]
    public async Task Import_ForAnotherOrganisation_IsRefusedToPartnerMember()
    {
        var (contract, _, coordinator, partner, _) = await PartnerSeriesKit.SetupAsync(factory);
        var api = await factory.ApiClientAsync(partner);
        var response = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv(Csv, coordinator.OrganisationId));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var page = await PageClient.SignedInAsync(factory, partner);
        var posted = await page.PostMultipartAsync($"/contrats/{contract.Id}/observatoire/series/import", PartnerSeriesKit.Csv(Csv, coordinator.OrganisationId, "Upload"));
        Geography.AssertDenied(posted);
        Assert.Equal(0, await PartnerSeriesKit.ValueCountAsync(factory, contract.Id));
    }

    [Fact]
    public async Task Coordinator_ImportsForAPartner_ThroughThePage()
    {
        var (contract, _, coordinator, _, org) = await PartnerSeriesKit.SetupAsync(factory);
        var page = await PageClient.SignedInAsync(factory, coordinator);
        var posted = await page.PostMultipartAsync($"/contrats/{contract.Id}/observatoire/series/import", PartnerSeriesKit.Csv(Csv, org.Id, "Upload"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var doc = await page.GetDocumentAsync($"/contrats/{contract.Id}/observatoire/series");
        Assert.Contains("jamais additionnées", doc.Body!.TextContent);
        var header = doc.QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        Assert.Contains(header, h => h.Contains("Passages") && h.Contains("Opérateur de transport"));
        Assert.Equal("9", doc.QuerySelector("tbody tr td")!.TextContent.Trim());
    }

    [Fact]
    public async Task Page_ShowsLineErrors()
    {
        var (contract, _, _, partner, _) = await PartnerSeriesKit.SetupAsync(factory);
        var page = await PageClient.SignedInAsync(factory, partner);
        var posted = await page.PostMultipartAsync($"/contrats/{contract.Id}/observatoire/series/import",
            PartnerSeriesKit.Csv("serie;source;unite;periode;territoire;valeur\nA;bailleur;faits;24;;1\n", field: "Upload"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var doc = PageClient.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Contains("Import annulé", doc.Body!.TextContent);
        var row = doc.QuerySelectorAll("tbody tr").Single();
        Assert.Equal("2", row.Children[0].TextContent.Trim());
        Assert.Equal("periode", row.Children[1].TextContent.Trim());
    }

    [Fact]
    public async Task NonMember_Gets404_OnPagesAndApi()
    {
        var (contract, _, _, _, _) = await PartnerSeriesKit.SetupAsync(factory);
        var outsider = await factory.UserAsync();
        var page = await PageClient.SignedInAsync(factory, outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/contrats/{contract.Id}/observatoire/series")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/contrats/{contract.Id}/observatoire/series/import")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/contrats/{contract.Id}/observatoire/series/modele.csv")).StatusCode);
        var api = await factory.ApiClientAsync(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/contracts/{contract.Id}/series")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv(Csv, outsider.OrganisationId))).StatusCode);
    }

    [Fact]
    public async Task Template_IsUtf8WithBomAndSemicolons()
    {
        var (contract, commune, _, partner, _) = await PartnerSeriesKit.SetupAsync(factory);
        var page = await PageClient.SignedInAsync(factory, partner);
        var response = await page.Http.GetAsync($"/contrats/{contract.Id}/observatoire/series/modele.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("serie;source;unite;periode;territoire;valeur\r\n", text);
        Assert.Contains($";{commune};", text);

        // The template itself imports cleanly.
        var api = await factory.ApiClientAsync(partner);
        var imported = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports", PartnerSeriesKit.Csv(text));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
    }
}

public sealed class PartnerSeriesDisclosureTests
{
    [Theory]
    [InlineData(0, 5, false, "0")]
    [InlineData(1, 5, false, "< 5")]
    [InlineData(4.5, 5, false, "< 5")]
    [InlineData(5, 5, false, "5")]
    [InlineData(3, 5, true, "3")]
    [InlineData(2, 10, false, "< 10")]
    [InlineData(1250, 5, false, "1\u202F250")]
    public void Format_SuppressesSmallCountsOutsideMembersPages(double value, int threshold, bool membersOnly, string expected) =>
        Assert.Equal(expected, PartnerSeriesDisclosure.Format((decimal)value, threshold, membersOnly));
}

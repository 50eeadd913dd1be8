using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ExcelDataReader;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Observatory;

[Collection(AppCollection.Name)]
public sealed class ObservatoryTerritoryPageTests(VigieFactory factory)
{
    [Fact]
    public async Task Get_DepartementPage_ShowsTableWithDecimalCommaAndSource()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await page.GetDocumentAsync($"/observatoire/departement/69?annee=2024&edition={data.EditionText}");

        Assert.Single(doc.QuerySelectorAll("h1"));
        var row = doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Cambriolages de logement", StringComparison.Ordinal));
        Assert.Contains("8,63", row.TextContent);
        Assert.Contains("Source : SSMSI / Ministère de l'Intérieur, édition du 26/01/2001", doc.Body!.TextContent);
        Assert.NotNull(doc.QuerySelector("table caption"));
    }

    [Fact]
    public async Task Get_WithheldCommunePage_ShowsSecretAndLabelledEstimate()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await page.GetDocumentAsync($"/observatoire/commune/{data.WithheldCommune}?annee=2024&edition={data.EditionText}");
        var row = doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Vols avec armes", StringComparison.Ordinal));
        Assert.Contains("secret statistique", row.TextContent);
        Assert.Contains("estimation (moyenne départementale des communes non diffusées)", row.TextContent);
    }

    [Fact]
    public async Task Get_CompareEditions_ShowsRevision()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await page.GetDocumentAsync($"/observatoire/departement/69?annee=2024&edition={data.EditionText}&comparer={data.OlderEditionText}");
        var table = doc.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("comparée", StringComparison.Ordinal));
        var row = table.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Cambriolages", StringComparison.Ordinal));
        Assert.Contains($"+{ObservatorySeed.Revision}", row.TextContent);
    }

    [Fact]
    public async Task Get_BadYear_ShowsFieldErrorWithout500()
    {
        await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await page.GetDocumentAsync("/observatoire/departement/69?annee=vingt");
        Assert.Contains("L'année « vingt » est invalide", doc.QuerySelector("#resume-erreurs")!.TextContent);
    }

    [Fact]
    public async Task Get_Anonymous_IsRedirectedToLogin()
    {
        var response = await PageClient.Create(factory).Http.GetAsync("/observatoire/departement/69");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/connexion", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_IndexWithCode_RedirectsToTerritory()
    {
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await page.Http.GetAsync("/observatoire?niveau=departement&code=59&annee=2024");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/observatoire/departement/59?annee=2024", response.Headers.Location!.ToString());
    }
}

[Collection(AppCollection.Name)]
public sealed class ObservatoryExportTests(VigieFactory factory)
{
    [Fact]
    public async Task ExportCsv_Departement_HasBomSemicolonsAndDecimalComma()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await page.Http.GetAsync($"/observatoire/departement/69?handler=csv&annee=2024&edition={data.EditionText}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Indicateur;Code;Unité de compte;Nombre;Taux pour mille", lines[0]);
        var burglaries = lines.Single(l => l.StartsWith("Cambriolages de logement;", StringComparison.Ordinal)).Split(';');
        Assert.Equal("8316", burglaries[3]);
        Assert.Equal("8,6262229", burglaries[4]);
    }

    [Fact]
    public async Task ExportXlsx_Departement_OpensWithTheRightCells()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await page.Http.GetAsync($"/observatoire/departement/69?handler=xlsx&annee=2024&edition={data.EditionText}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++) row[i] = reader.GetValue(i);
            rows.Add(row);
        }
        Assert.Equal("Indicateur", rows[0][0]);
        Assert.Equal("Taux pour mille", rows[0][4]);
        var burglaries = rows.Single(r => Equals(r[0], "Cambriolages de logement"));
        Assert.Equal(8316d, Convert.ToDouble(burglaries[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(8.6262229d, Convert.ToDouble(burglaries[4], System.Globalization.CultureInfo.InvariantCulture), 7);
        Assert.Contains(rows, r => r[0] is string s && s.StartsWith("Source : SSMSI", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportSvg_Series_IsWellFormedWithTitle()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await page.Http.GetAsync($"/observatoire/departement/92/indicateurs/homicides?edition={data.EditionText}&handler=svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Contains("Homicides — Hauts-de-Seine", svg.Root.Element(ns + "title")!.Value);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "2016");
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("Source : SSMSI", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_IndicatorPage_HasJsonDataBlockAndAccessibleTable()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var doc = await page.GetDocumentAsync($"/observatoire/departement/92/indicateurs/homicides?edition={data.EditionText}");
        var block = doc.QuerySelector("script#donnees-graphique")!;
        Assert.Equal("application/json", block.GetAttribute("type"));
        var json = JsonDocument.Parse(block.TextContent).RootElement;
        Assert.Equal(9, json.GetProperty("years").GetArrayLength());
        Assert.Equal(9, doc.QuerySelectorAll("#donnees-indicateur tbody tr").Length);
        // The served name is fingerprinted (chart.umd.min.<hash>.js, MapStaticAssets).
        Assert.Contains(doc.QuerySelectorAll("script[src]"), s => System.Text.RegularExpressions.Regex.IsMatch(s.GetAttribute("src")!, @"^/lib/chartjs/chart\.umd\.min(\.[a-z0-9]+)?\.js$"));
    }
}

[Collection(AppCollection.Name)]
public sealed class ObservatoryMapTests(VigieFactory factory)
{
    [Fact]
    public async Task GetMapData_Nord_MarksWithheldCommunes()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var json = await page.Http.GetStringAsync($"/observatoire/carte/59?handler=donnees&indicateur=vols-avec-armes&annee=2024&edition={data.EditionText}");
        var features = JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray().ToList();
        JsonElement Props(string code) => features.Single(f => f.GetProperty("properties").GetProperty("code").GetString() == code).GetProperty("properties");
        Assert.Equal("withheld", Props(data.WithheldCommune).GetProperty("disclosure").GetString());
        Assert.Equal(JsonValueKind.Null, Props(data.WithheldCommune).GetProperty("rate").ValueKind);
        Assert.Equal("published", Props(data.Communes[1].Code).GetProperty("disclosure").GetString());
        Assert.Equal(3, Props(data.Communes[1].Code).GetProperty("count").GetInt64());

        var doc = await page.GetDocumentAsync($"/observatoire/carte/59?indicateur=vols-avec-armes&annee=2024&edition={data.EditionText}");
        Assert.Contains("secret statistique", doc.QuerySelector(".vigie-map-legend")!.TextContent);
        var row = doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(data.WithheldCommune, StringComparison.Ordinal));
        Assert.Contains("secret statistique", row.TextContent);
    }

    [Fact]
    public async Task GetMapData_Paris_AggregatesArrondissementsOntoCity()
    {
        var data = await factory.EnsureObservatoryAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var json = await page.Http.GetStringAsync($"/observatoire/carte/75?handler=donnees&indicateur=cambriolages-logement&annee=2024&edition={data.EditionText}");
        var paris = JsonDocument.Parse(json).RootElement.GetProperty("features")[0].GetProperty("properties");
        Assert.Equal("75056", paris.GetProperty("code").GetString());
        Assert.Equal(436, paris.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task GetMapData_NoContours_Returns404()
    {
        var data = await factory.EnsureObservatoryAsync();
        await factory.WithDb(async db =>
        {
            // Département 13 has no contours in the shared folder; give it one commune value in the test edition.
            var edition = await db.StatEditions.SingleAsync(e => e.Source == StatSource.Ssmsi && e.ProducedOn == ObservatorySeed.Edition);
            var indicator = await db.Indicators.SingleAsync(i => i.Code == "homicides");
            if (!await db.StatValues.AnyAsync(v => v.EditionId == edition.Id && v.GeoCode == "13201"))
            {
                db.StatValues.Add(new StatValue { EditionId = edition.Id, Level = StatLevel.Commune, GeoCode = "13201", Year = 2024, IndicatorId = indicator.Id,
                    PublishedLabel = "Homicides", Unit = "Victime", Disclosure = Disclosure.Zero, Count = 0, Rate = 0, Population = 40000 });
                await db.SaveChangesAsync();
            }
            return 0;
        });
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await page.Http.GetAsync($"/observatoire/carte/13?handler=donnees&indicateur=homicides&annee=2024&edition={data.EditionText}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Aucun fond de carte", await response.Content.ReadAsStringAsync());
    }
}

[Collection(AppCollection.Name)]
public sealed class ObservatoryContractTests(VigieFactory factory)
{
    private async Task<(SecurityContract Contract, TestUser Member, ObservatoryData Data)> ContractAsync()
    {
        var data = await factory.EnsureObservatoryAsync();
        var member = await factory.UserAsync();
        var contract = await factory.ContractOnAsync(data.Communes.Select(c => (TerritoryKind.Commune, c.Code)).ToArray(), (member, ContractRole.Coordinator));
        return (contract, member, data);
    }

    [Fact]
    public async Task Get_ContractObservatory_AsMember_ShowsAggregateMarkedPartial()
    {
        var (contract, member, data) = await ContractAsync();
        var page = await PageClient.SignedInAsync(factory, member);
        var doc = await page.GetDocumentAsync($"/contrats/{contract.Id}/observatoire?annee=2024&edition={data.EditionText}");
        var armed = doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Vols avec armes", StringComparison.Ordinal));
        Assert.Contains("partiel : 1 commune en secret statistique", armed.TextContent);
        var burglaries = doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Cambriolages", StringComparison.Ordinal));
        Assert.Contains(data.Communes.Sum(c => data.CommuneValues[(c.Code, "cambriolages-logement", 2024)].Count!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), burglaries.TextContent);
    }

    [Fact]
    public async Task Get_ContractObservatory_AsNonMember_Returns404()
    {
        var (contract, _, data) = await ContractAsync();
        var page = await PageClient.SignedInAsync(factory, await factory.UserAsync());
        var response = await page.Http.GetAsync($"/contrats/{contract.Id}/observatoire?edition={data.EditionText}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var chart = await page.Http.GetAsync($"/contrats/{contract.Id}/observatoire/indicateurs/cambriolages-logement?edition={data.EditionText}");
        Assert.Equal(HttpStatusCode.NotFound, chart.StatusCode);
    }

    [Fact]
    public async Task Get_PublicObservatory_Unpublished_Returns404()
    {
        var (contract, _, data) = await ContractAsync();
        var response = await PageClient.Create(factory).Http.GetAsync($"/public/contrats/{contract.Id}/observatoire?edition={data.EditionText}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_PublicObservatory_Published_ShowsTableWithoutInternalLinks()
    {
        var (contract, _, data) = await ContractAsync();
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == contract.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsPublished, true)));
        var anonymous = PageClient.Create(factory);
        var doc = await anonymous.GetDocumentAsync($"/public/contrats/{contract.Id}/observatoire?annee=2024&edition={data.EditionText}");
        var main = doc.QuerySelector("main") ?? doc.Body!;
        Assert.Contains("Cambriolages de logement", main.TextContent);
        Assert.Contains("secret statistique", main.TextContent);
        var links = main.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.StartsWith($"/public/contrats/{contract.Id}/observatoire", href));
        Assert.DoesNotContain("modifier", main.InnerHtml, StringComparison.OrdinalIgnoreCase);

        var chart = await anonymous.GetDocumentAsync($"/public/contrats/{contract.Id}/observatoire/indicateurs/cambriolages-logement?edition={data.EditionText}");
        Assert.Equal(2, chart.QuerySelectorAll("#donnees-indicateur tbody tr").Length);
    }
}

using System.Net;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Observatory;

namespace Vigie.Tests.Observatory;

internal static class ObservatoryApiKit
{
    public static async Task<(HttpClient Client, ObservatoryData Data)> ApiAsync(VigieFactory f)
    {
        var data = await f.EnsureObservatoryAsync();
        var user = await f.UserAsync();
        return (await f.ApiClientAsync(user), data);
    }

    public static async Task<JsonElement> JsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static JsonElement Indicator(this JsonElement table, string code) =>
        table.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    public static decimal? Dec(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    public static long? Long(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt64();

    /// <summary>France rate computed independently from the seeded département rows.</summary>
    public static decimal FranceRate(ObservatoryData data, string code, int year, bool metropolitan)
    {
        var rows = data.Departements.Where(r => r.Code == code && r.Year == year && (!metropolitan || !r.Departement.StartsWith("97", StringComparison.Ordinal))).ToList();
        decimal denominator = code == "cambriolages-logement" ? rows.Sum(r => r.Dwellings) : rows.Sum(r => r.Population);
        return Math.Round(rows.Sum(r => r.Count) * 1000m / denominator, 7, MidpointRounding.AwayFromZero);
    }
}

[Collection(AppCollection.Name)]
public sealed class ObservatoryDepartementTableTests(VigieFactory factory)
{
    [Fact]
    public async Task Get_Departement_ReturnsPublishedFiguresAndFranceRates()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        var table = await client.JsonAsync($"/api/v1/observatory/departement/69?year=2024&edition={data.EditionText}");

        Assert.Equal(data.EditionText, table.GetProperty("edition").GetString());
        Assert.Equal(2024, table.GetProperty("year").GetInt32());
        Assert.Equal("69", table.GetProperty("territory").GetProperty("code").GetString());
        Assert.Equal(17, table.GetProperty("indicators").GetArrayLength());

        var burglaries = table.Indicator("cambriolages-logement");
        var seeded = data.Departements.Single(r => r.Departement == "69" && r.Year == 2024 && r.Code == "cambriolages-logement");
        Assert.Equal("Cambriolages de logement", burglaries.GetProperty("indicator").GetString());
        Assert.Equal(8316, burglaries.Long("count"));
        Assert.Equal(8.6262229m, burglaries.Dec("rate"));
        Assert.Equal(seeded.Rate, burglaries.Dec("rate"));
        Assert.Equal("dwellings", burglaries.GetProperty("denominator").GetString());
        Assert.Equal("published", burglaries.GetProperty("disclosure").GetString());
        Assert.Equal(JsonValueKind.Null, burglaries.GetProperty("estimate").ValueKind);

        var comparison = burglaries.GetProperty("comparison");
        var metro = ObservatoryApiKit.FranceRate(data, "cambriolages-logement", 2024, metropolitan: true);
        var all = ObservatoryApiKit.FranceRate(data, "cambriolages-logement", 2024, metropolitan: false);
        Assert.Equal(metro, comparison.Dec("franceMetropolitaine"));
        Assert.Equal(all, comparison.Dec("franceEntiere"));
        Assert.NotEqual(metro, all);
        Assert.Equal(seeded.Rate, comparison.Dec("departement"));
        Assert.Equal(seeded.Rate > all, burglaries.GetProperty("aboveNational").GetBoolean());

        // The README's national check: 218 672 burglaries over 37 229 795 dwellings.
        Assert.Equal(Math.Round(218672m * 1000m / 37229795m, 7, MidpointRounding.AwayFromZero), all);

        var homicides = table.Indicator("homicides").GetProperty("comparison");
        Assert.Equal(Math.Round(997m * 1000m / 68017091m, 7, MidpointRounding.AwayFromZero), homicides.Dec("franceEntiere"));
    }

    [Fact]
    public async Task Get_Departement_ReportsChangeOnPreviousYear()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        var table = await client.JsonAsync($"/api/v1/observatory/departement/59?year=2024&edition={data.EditionText}");
        var now = data.Departements.Single(r => r.Departement == "59" && r.Year == 2024 && r.Code == "violences-sexuelles").Count;
        var before = data.Departements.Single(r => r.Departement == "59" && r.Year == 2023 && r.Code == "violences-sexuelles").Count;

        var change = table.Indicator("violences-sexuelles").GetProperty("change");
        Assert.Equal(before, change.Long("previous"));
        Assert.Equal(now - before, change.Long("count"));
        Assert.Equal(Math.Round((now - before) * 100m / before, 1, MidpointRounding.AwayFromZero), change.Dec("percent"));
    }

    [Fact]
    public async Task Get_France_EqualsSumOfDepartements()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        var table = await client.JsonAsync($"/api/v1/observatory/france/FR?year=2024&edition={data.EditionText}");
        var burglaries = table.Indicator("cambriolages-logement");
        Assert.Equal(218672, burglaries.Long("count"));
        Assert.Equal(ObservatoryApiKit.FranceRate(data, "cambriolages-logement", 2024, false), burglaries.Dec("rate"));
        Assert.Equal(997, table.Indicator("homicides").Long("count"));
    }

    [Fact]
    public async Task Get_Region_SumsItsDepartements()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        // Hauts-de-France (32) = 02, 59, 60, 62, 80.
        var table = await client.JsonAsync($"/api/v1/observatory/region/32?year=2024&edition={data.EditionText}");
        var expected = data.Departements.Where(r => r.Year == 2024 && r.Code == "homicides" && new[] { "02", "59", "60", "62", "80" }.Contains(r.Departement)).Sum(r => r.Count);
        Assert.Equal(expected, table.Indicator("homicides").Long("count"));
    }
}

[Collection(AppCollection.Name)]
public sealed class ObservatoryAggregationTests(VigieFactory factory)
{
    [Fact]
    public async Task Get_EpciWithWithheldMember_IsPartialAndNeverAddsEstimates()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        var table = await client.JsonAsync($"/api/v1/observatory/epci/{data.EpciCode}?year=2024&edition={data.EditionText}");

        var armed = table.Indicator("vols-avec-armes");
        var published = data.Communes.Where(c => c.Code != data.WithheldCommune).Sum(c => data.CommuneValues[(c.Code, "vols-avec-armes", 2024)].Count!.Value);
        Assert.Equal(published, armed.Long("count"));
        Assert.True(armed.GetProperty("partial").GetBoolean());
        Assert.Equal(1, armed.GetProperty("withheldCommunes").GetInt32());
        Assert.Equal(ObservatoryQueries.RatePerThousand(published, data.Communes.Sum(c => c.Population)), armed.Dec("rate"));
        Assert.False(armed.GetProperty("aboveNational").GetBoolean());
        Assert.Equal(JsonValueKind.Null, armed.GetProperty("change").GetProperty("count").ValueKind);

        var burglaries = table.Indicator("cambriolages-logement");
        var count = data.Communes.Sum(c => data.CommuneValues[(c.Code, "cambriolages-logement", 2024)].Count!.Value);
        Assert.Equal(count, burglaries.Long("count"));
        Assert.False(burglaries.GetProperty("partial").GetBoolean());
        Assert.Equal(Math.Round(count * 1000m / data.Communes.Sum(c => c.Dwellings), 7, MidpointRounding.AwayFromZero), burglaries.Dec("rate"));
        var before = data.Communes.Sum(c => data.CommuneValues[(c.Code, "cambriolages-logement", 2023)].Count!.Value);
        Assert.Equal(count - before, burglaries.GetProperty("change").Long("count"));
        Assert.Equal(data.Departements.Single(r => r.Departement == "59" && r.Year == 2024 && r.Code == "cambriolages-logement").Rate,
            burglaries.GetProperty("comparison").Dec("departement"));
    }

    [Fact]
    public async Task Get_WithheldCommune_ShowsEstimateSeparately()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        var table = await client.JsonAsync($"/api/v1/observatory/commune/{data.WithheldCommune}?year=2024&edition={data.EditionText}");
        var armed = table.Indicator("vols-avec-armes");
        Assert.Equal("withheld", armed.GetProperty("disclosure").GetString());
        Assert.Equal(JsonValueKind.Null, armed.GetProperty("count").ValueKind);
        Assert.Equal(JsonValueKind.Null, armed.GetProperty("rate").ValueKind);
        Assert.Equal(1.5m, armed.GetProperty("estimate").Dec("count"));
        Assert.Equal(0.2031574m, armed.GetProperty("estimate").Dec("rate"));
    }

    [Fact]
    public async Task Get_ParisCommune_AggregatesArrondissements()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        var city = await client.JsonAsync($"/api/v1/observatory/commune/75056?year=2024&edition={data.EditionText}");
        Assert.Equal(436, city.Indicator("cambriolages-logement").Long("count"));
        var arrondissement = await client.JsonAsync($"/api/v1/observatory/commune/75113?year=2024&edition={data.EditionText}");
        Assert.Equal(data.CommuneValues[("75113", "cambriolages-logement", 2024)].Rate, arrondissement.Indicator("cambriolages-logement").Dec("rate"));
    }
}

[Collection(AppCollection.Name)]
public sealed class ObservatorySeriesApiTests(VigieFactory factory)
{
    [Fact]
    public async Task GetSeries_Departement_ReturnsEveryYear()
    {
        var (client, data) = await ObservatoryApiKit.ApiAsync(factory);
        var series = await client.JsonAsync($"/api/v1/observatory/departement/92/series?indicator=homicides&edition={data.EditionText}");
        var points = series.GetProperty("series").EnumerateArray().ToList();
        var expected = data.Departements.Where(r => r.Departement == "92" && r.Code == "homicides").OrderBy(r => r.Year).ToList();
        Assert.Equal(expected.Select(r => r.Year), points.Select(p => p.GetProperty("year").GetInt32()));
        Assert.Equal(expected.Select(r => (long?)r.Count), points.Select(p => p.Long("count")));
        Assert.Equal(expected.Select(r => (decimal?)r.Rate), points.Select(p => p.Dec("rate")));
        Assert.Equal("Homicides", series.GetProperty("indicator").GetString());
    }
}

[Collection(AppCollection.Name)]
public sealed class ObservatoryApiValidationTests(VigieFactory factory)
{
    [Theory]
    [InlineData("/api/v1/observatory/canton/59?year=2024", "level")]
    [InlineData("/api/v1/observatory/departement/59?year=24", "year")]
    [InlineData("/api/v1/observatory/departement/59?year=deux", "year")]
    [InlineData("/api/v1/observatory/departement/59?year=2024&edition=26-01-2025", "edition")]
    [InlineData("/api/v1/observatory/departement/59?year=2024&edition=1999-01-01", "edition")]
    [InlineData("/api/v1/observatory/departement/59/series?indicator=pas-un-code", "indicator")]
    [InlineData("/api/v1/observatory/departement/59/series", "indicator")]
    public async Task Get_BadParameter_Returns400NamingIt(string url, string parameter)
    {
        var (client, _) = await ObservatoryApiKit.ApiAsync(factory);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.Contains("«", messages[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/observatory/commune/99999?year=2024")]
    [InlineData("/api/v1/observatory/departement/59?year=1995&edition=2001-01-26")]
    public async Task Get_UnknownTerritoryOrNoData_Returns404(string url)
    {
        var (client, _) = await ObservatoryApiKit.ApiAsync(factory);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Get_WithoutToken_IsRefused()
    {
        await factory.EnsureObservatoryAsync();
        var response = await factory.CreateClient().GetAsync("/api/v1/observatory/departement/59?year=2024");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

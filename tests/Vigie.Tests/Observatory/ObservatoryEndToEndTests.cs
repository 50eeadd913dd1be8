using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Observatory;

/// <summary>
/// The real files, imported by the real importer, come back through the API exactly as published, and the
/// national comparison equals the sum of the départements (issue 3, "Done when").
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ObservatoryEndToEndTests(VigieFactory factory)
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Rows of the January 2025 département file: (dep, year, label) → (count, rate text, pop, log).</summary>
    private static List<(string Dep, int Year, string Label, long Count, decimal Rate, long Pop, long Log)> Jan2025Rows() =>
        File.ReadLines(SsmsiTestKit.Jan2025).Skip(1).Select(l => l.Split(';').Select(c => c.Trim('"', '\uFEFF')).ToArray())
            .Select(c => (c[0], int.Parse(c[2], CultureInfo.InvariantCulture), c[3], long.Parse(c[5], CultureInfo.InvariantCulture),
                decimal.Parse(c[6], Fr), long.Parse(c[7], CultureInfo.InvariantCulture), long.Parse(c[9], CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public async Task DepartementFigures_ComeBackThroughTheApi_ExactlyAsPublished_WithFranceAsSumOfDepartements()
    {
        await factory.EnsureGeographyAsync();
        await factory.EnsureSsmsiAsync();
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var rows = Jan2025Rows();

        foreach (var dep in new[] { "69", "2A", "971" })
        {
            var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/observatory/departement/{dep}?year=2024&edition=2025-01-26");
            var indicators = json.GetProperty("indicators").EnumerateArray().ToList();
            var expected = rows.Where(r => r.Dep == dep && r.Year == 2024).ToList();
            Assert.Equal(expected.Count, indicators.Count);
            foreach (var row in expected)
            {
                var item = indicators.Single(i => i.GetProperty("indicator").GetString() == row.Label);
                Assert.Equal(row.Count, item.GetProperty("count").GetInt64());
                Assert.Equal(row.Rate, item.GetProperty("rate").GetDecimal());
            }
        }

        // France entière = Σ count / Σ denominator × 1000 over the 101 départements (dwellings for burglaries).
        var burglaries = rows.Where(r => r.Year == 2024 && r.Label == "Cambriolages de logement").ToList();
        Assert.Equal(101, burglaries.Count);
        Assert.Equal(218_672, burglaries.Sum(r => r.Count));
        var expectedRate = Math.Round(burglaries.Sum(r => r.Count) * 1000m / burglaries.Sum(r => r.Log), 7);
        var rhone = await api.GetFromJsonAsync<JsonElement>("/api/v1/observatory/departement/69?year=2024&edition=2025-01-26");
        var rhoneBurglaries = rhone.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "cambriolages-logement");
        Assert.Equal("dwellings", rhoneBurglaries.GetProperty("denominator").GetString());
        Assert.Equal(expectedRate, Math.Round(rhoneBurglaries.GetProperty("comparison").GetProperty("franceEntiere").GetDecimal(), 7));

        var france = await api.GetFromJsonAsync<JsonElement>("/api/v1/observatory/france/FR?year=2024&edition=2025-01-26");
        var franceBurglaries = france.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "cambriolages-logement");
        Assert.Equal(218_672, franceBurglaries.GetProperty("count").GetInt64());
    }

    /// <summary>Splits a comma-separated line whose quoted fields may hold commas ("2,1535811").</summary>
    private static string[] SplitQuoted(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { cells.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        cells.Add(current.ToString());
        return cells.ToArray();
    }

    [Fact]
    public async Task ParisExtract_ComesBackThroughTheApi_WithWithheldCellsAndEstimates()
    {
        await factory.EnsureGeographyAsync();
        await factory.EnsureSsmsiAsync();
        var api = await factory.ApiClientAsync(await factory.UserAsync());
        var lines = File.ReadLines(SsmsiTestKit.Paris).Skip(1)
            .Select(SplitQuoted)
            .Where(c => c[0] == "75113" && c[1] == "2024").ToList();
        Assert.NotEmpty(lines);

        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/observatory/commune/75113?year=2024&edition=2025-06-04");
        var indicators = json.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(lines.Count, indicators.Count);
        foreach (var c in lines)
        {
            var item = indicators.Single(i => i.GetProperty("indicator").GetString() == c[2]);
            if (c[6] == "diff")
            {
                Assert.Equal((long)decimal.Parse(c[4], CultureInfo.InvariantCulture), item.GetProperty("count").GetInt64());
                Assert.Equal(decimal.Parse(c[5], Fr), item.GetProperty("rate").GetDecimal());
                Assert.NotEqual("withheld", item.GetProperty("disclosure").GetString());
            }
            else
            {
                Assert.Equal("withheld", item.GetProperty("disclosure").GetString());
                Assert.Equal(JsonValueKind.Null, item.GetProperty("count").ValueKind);
                Assert.NotEqual(JsonValueKind.Null, item.GetProperty("estimate").ValueKind);
            }
        }
    }
}

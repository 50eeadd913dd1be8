using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;
using Vigie.Web.Domain;

namespace Vigie.Tests.Governance;

/// <summary>
/// The public plenary report's figures (issue 11 D): every recorded-delinquency indicator (burglaries were cut off after
/// six rows), an action indicator fed from the observatory, and the year of the figures said — never 2024 figures
/// silently in a 2003 report.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlenaryReportObservatoryTests(VigieFactory factory)
{
    private async Task<SecurityContract> PublishedParis13ContractAsync()
    {
        await factory.EnsureSsmsiAsync(); // the real SSMSI files, with the Paris communal extract
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractOnAsync([(TerritoryKind.Arrondissement, "75113")], (coordinator, ContractRole.Coordinator));
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == contract.Id)).IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var api = await factory.ApiClientAsync(coordinator);
        var plan = $"/api/v1/contracts/{contract.Id}/plan";
        var priority = await api.CreateAsync($"{plan}/items", new { kind = "priority", title = "Tranquillité résidentielle" });
        var action = await api.CreateAsync($"{plan}/items", new { kind = "action", title = "Prévention des cambriolages", parentId = priority });
        await api.CreateAsync($"{plan}/items/{action}/indicators", new
        {
            name = "Cambriolages enregistrés", kind = "impact", unit = "faits",
            observatoryIndicatorCode = "cambriolages-logement", observatoryMeasure = "count",
        });
        return contract;
    }

    [Fact]
    public async Task Report_ListsEveryIndicatorIncludingBurglaries_AndTheObservatoryFedIndicator_WithTheYearSaid()
    {
        var contract = await PublishedParis13ContractAsync();

        var doc = await PageClient.Create(factory).GetDocumentAsync($"/public/contrats/{contract.Id}/bilan?du=2026-01-01&au=2026-06-30");

        var tables = doc.QuerySelectorAll("table").ToList();
        var trends = tables.Single(t => t.QuerySelector("caption")!.TextContent.Contains("année", StringComparison.Ordinal));
        var labels = trends.QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent.Trim()).ToList();
        Assert.Contains(labels, l => l.StartsWith("Cambriolages", StringComparison.Ordinal));
        Assert.True(labels.Count > 6, $"{labels.Count} indicateurs : {string.Join(" | ", labels)}");
        var year = int.Parse(System.Text.RegularExpressions.Regex.Match(trends.QuerySelector("caption")!.TextContent, @"année (\d{4})").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(year <= 2026, $"année {year}");
        // 2026 figures are not published yet: the report says which year it shows and why.
        Assert.Contains($"Chiffres de {year} : dernière année publiée par le SSMSI", doc.QuerySelector("#annee-observatoire")!.TextContent, StringComparison.Ordinal);
        var fed = tables.SelectMany(t => t.QuerySelectorAll("tbody tr")).Single(r => r.TextContent.Contains("Cambriolages enregistrés", StringComparison.Ordinal));
        Assert.Contains($"({year})", fed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportFor2003_ShowsNo2024Figures_AndSaysWhy()
    {
        var contract = await PublishedParis13ContractAsync();

        var doc = await PageClient.Create(factory).GetDocumentAsync($"/public/contrats/{contract.Id}/bilan?du=2003-01-01&au=2003-12-31");

        var note = doc.QuerySelector("#annee-observatoire")!.TextContent;
        Assert.Contains("Aucun chiffre de délinquance enregistrée n'est présenté", note, StringComparison.Ordinal);
        Assert.Contains("après la période du bilan (2003)", note, StringComparison.Ordinal);
        Assert.DoesNotContain(doc.QuerySelectorAll("caption"), c => c.TextContent.Contains("année 20", StringComparison.Ordinal));
        Assert.DoesNotContain("Cambriolages enregistrés", doc.Body!.TextContent, StringComparison.Ordinal);
    }
}

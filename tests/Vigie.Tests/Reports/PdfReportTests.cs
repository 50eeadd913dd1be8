using Vigie.Web.Infrastructure.Pdf;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Reports;

/// <summary>The shared PDF writer: French text survives a round trip, long tables continue on new pages, it is tagged.</summary>
public sealed class PdfReportTests
{
    private static byte[] Sample(int rows)
    {
        using var pdf = new PdfReport("Bilan semestriel — CLS de Lomme", "Période du 01/01/2026 au 30/06/2026");
        pdf.Heading("Actions et avancement")
            .Paragraph("Les cambriolages de logement ont baissé de 12,5 % ; « la tranquillité » s'améliore. Coût : 1 250,00 €.")
            .Bullets(["Réunion plénière tenue le 12/03/2026", "Cellule de veille : 6 réunions"])
            .KeyValues([("Pilote", "Ville de Lomme"), ("Statut", "En cours")])
            .ProgressBars("Avancement par partenaire", [("Ville de Lomme", 62.5), ("Bailleur", null)])
            .Table("Indicateurs", ["Action", "Indicateur", "Valeur"],
                Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"1.{i}", $"Indicateur numéro {i} avec un libellé assez long pour être replié sur deux lignes au moins", i.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
                [1, 4, 1])
            .LineChart("Cambriolages de logement", "Courbe de 2016 à 2024 : de 120 à 96 faits, année 2020 non renseignée.",
                ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"],
                [new PdfChartSeries("Commune", [120, 118, 110, 105, null, 101, 99, 97, 96]), new PdfChartSeries("Cible", [null, null, null, null, null, null, 100, 95, 90])], "faits")
            .Source("SSMSI, base communale de la délinquance enregistrée, édition du 04/06/2025.");
        return pdf.ToArray();
    }

    [Fact]
    public async Task Report_WithFrenchTextTablesAndChart_ReadsBackVerbatim()
    {
        var text = await PdfText.FlatAsync(Sample(5));

        Assert.Contains("Bilan semestriel — CLS de Lomme", text, StringComparison.Ordinal);
        Assert.Contains("« la tranquillité » s'améliore. Coût : 1 250,00 €.", text, StringComparison.Ordinal);
        Assert.Contains("Réunion plénière tenue le 12/03/2026", text, StringComparison.Ordinal);
        Assert.Contains("63 %", text, StringComparison.Ordinal);
        Assert.Contains("non renseigné", text, StringComparison.Ordinal);
        Assert.Contains("Source : SSMSI", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_LongTable_SpansPagesWithNumberedFooters()
    {
        var pdf = Sample(120);
        // Kept as a build artifact so a person can look at the layout (pdftoppm -png).
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "artifacts", "pdf-report-sample.pdf"), pdf);
        var info = await PdfText.InfoAsync(pdf);
        var text = await PdfText.ExtractAsync(pdf);

        var pages = int.Parse(info["Pages"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages >= 3, $"{pages} pages");
        Assert.Contains($"Page {pages}", text, StringComparison.Ordinal);
        Assert.Contains("Indicateur numéro 120", text, StringComparison.Ordinal);
        Assert.Equal("Bilan semestriel — CLS de Lomme", info["Title"]);
    }

    [Fact]
    public async Task Report_IsTaggedForAccessibility()
    {
        var info = await PdfText.InfoAsync(Sample(3));

        Assert.Equal("yes", info["Tagged"]);
    }
}

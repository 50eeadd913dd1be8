using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.VideoProtection;

/// <summary>
/// The two yearly documents of V8 as tagged PDFs: the ethics committee's annual report (published on the public page)
/// and the summary for the CLSPD (counts per site). Neither carries a name of an operator, a requester or a recipient.
/// </summary>
public static class VideoPdf
{
    public static byte[] CommitteeReport(string contractTitle, VideoSystem system, VideoCommitteeReport report, VideoQueries.CommitteeYear year)
    {
        using var pdf = new PdfReport($"Comité d'éthique de la vidéoprotection — rapport {report.Year}", $"{system.Commune} — {contractTitle}");
        pdf.Heading("Composition", 1);
        pdf.Table(null, ["Qualité", "Membres"],
            year.Members.GroupBy(m => m.Quality).Select(g => (IReadOnlyList<string>)[VideoLabels.Quality(g.Key), g.Count().ToString(Culture.French)]), [3, 1]);
        pdf.KeyValues([
            ("Séances tenues", year.Sittings.ToString(Culture.French)),
            ("Avis rendus", year.Opinions.Count.ToString(Culture.French)),
            ("Saisines de citoyens", year.Referrals.ToString(Culture.French)),
            ("Charte", system.CharterVersion is { } v ? "version " + v : "—"),
        ]);
        if (year.Opinions.Count > 0)
        {
            pdf.Heading("Avis", 1);
            foreach (var o in year.Opinions) pdf.Lines($"{Culture.Date(o.Date)} — {o.Subject} : {o.Text}");
        }
        pdf.Heading("Rapport", 1);
        pdf.Lines(report.Text);
        return pdf.ToArray();
    }

    public static byte[] ClspdSummary(string contractTitle, int year, IReadOnlyList<VideoQueries.SiteCounts> lines)
    {
        using var pdf = new PdfReport($"Vidéoprotection — bilan {year} pour le CLSPD", contractTitle);
        pdf.Paragraph("Comptages par site, sans donnée personnelle (règle V8).", muted: true);
        pdf.Table($"Caméras, réquisitions, extractions et demandes d'accès par site en {year}",
            ["Site", "Caméras", "En service", "Réquisitions", "Extractions", "Demandes d'accès"],
            lines.Select(l => (IReadOnlyList<string>)[l.Site, N(l.Cameras), N(l.InService), N(l.Requisitions), N(l.Extractions), N(l.AccessRequests)]), [3, 1, 1, 1, 1, 1]);
        pdf.KeyValues([
            ("Total des réquisitions", N(lines.Sum(l => l.Requisitions))),
            ("Total des extractions", N(lines.Sum(l => l.Extractions))),
            ("Total des demandes d'accès", N(lines.Sum(l => l.AccessRequests))),
        ]);
        return pdf.ToArray();
    }

    private static string N(int n) => n.ToString(Culture.French);
}

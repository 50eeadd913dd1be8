using Vigie.Web.Features.Governance;
using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>
/// The PDF of a frozen version (tagged, with the shared <see cref="PdfReport"/>). The caller passes the content its audience
/// may receive: the whole version for members, <see cref="DiagnosticQueries.PublicPart"/> for anonymous readers (egress).
/// Every figure table carries its source and edition; the footer states the version's SHA-256.
/// </summary>
public static class DiagnosticPdf
{
    public static byte[] Render(DiagnosticContent c, int number, string sha256, DateTimeOffset frozenAt)
    {
        using var pdf = new PdfReport(c.Title, $"{c.Territory} — version {number} figée le {Culture.DateTime(frozenAt)}");
        foreach (var s in c.Sections)
        {
            pdf.Heading(s.Title, 1);
            Text(pdf, $"{(s.Organisation is { } o ? o + " — " : "")}état : {DiagnosticLabels.Status(s.Status)}", muted: true);
            if (s.Kind == nameof(DiagnosticSectionKind.Delinquency))
                foreach (var t in c.Figures) Figures(pdf, t);
            if (s.Kind == nameof(DiagnosticSectionKind.Survey))
                Surveys(pdf, c.Surveys);
            var text = MinutesMarkdown.ToPlainText(s.Body);
            Text(pdf, text);
            foreach (var f in c.Findings.Where(f => s.Axis is not null && f.Axis == s.Axis))
                Text(pdf, "• Constat : " + f.Text + (f.Priorities.Count > 0 ? " — priorités : " + string.Join(" ; ", f.Priorities) : ""));
        }
        pdf.Heading("Sources", 1);
        pdf.Table(null, ["Type", "Source", "Date", "Édition"],
            c.Sources.Select(s => (IReadOnlyList<string>)[DiagnosticLabels.SourceKind(s.Kind), s.Title, s.Date ?? "", s.Edition ?? ""]), [1, 3, 1, 1.5]);
        Text(pdf, $"Empreinte SHA-256 du contenu figé : {sha256}", muted: true);
        return pdf.ToArray();
    }

    /// <summary>Text as one-line paragraphs (<see cref="PdfReport.Lines"/>).</summary>
    private static void Text(PdfReport pdf, string text, bool muted = false) => pdf.Lines(text, muted);

    private static void Figures(PdfReport pdf, DiagnosticFigureTable t)
    {
        pdf.Table($"{t.Name} — {t.Year}", ["Indicateur", "Nombre", "Taux ‰", t.DepartementName ?? "Département", "France", "Évolution"],
            t.Rows.Select(r => (IReadOnlyList<string>)[(r.AboveNational ? "▲ " : "") + r.Label, DiagnosticFigures.Number(r.Count), DiagnosticFigures.Number(r.Rate),
                DiagnosticFigures.Number(r.DepartementRate), DiagnosticFigures.Number(r.FranceRate), r.ChangePercent is { } p ? DiagnosticFigures.Number(p) + " %" : "—"]),
            [3, 1, 1, 1, 1, 1]);
        // One line each: PdfReport cannot carry a marked paragraph over a page break (see Text).
        pdf.Source(t.Source);
        Text(pdf, "▲ : taux au-dessus de la moyenne nationale.", muted: true);
    }

    private static void Surveys(PdfReport pdf, IReadOnlyList<Shared.SurveyWaveSummary> waves)
    {
        if (waves.Count == 0)
        {
            Text(pdf, "Aucune enquête publiée.", muted: true);
            return;
        }
        foreach (var w in waves)
            pdf.Table($"{w.Title} ({Culture.Date(w.FieldStart)} – {Culture.Date(w.FieldEnd)}, {w.Responses} réponses, {w.Weighting})", ["Question", "Réponse", "Part", "Intervalle 95 %", "Base"],
                w.Lines.Select(l => (IReadOnlyList<string>)[l.Question, l.Answer, l.Suppressed || l.Share is null ? "effectif trop faible" : PdfReport.Percent(l.Share.Value * 100),
                    l.Low is { } lo && l.High is { } hi ? $"{PdfReport.Percent(lo * 100)} – {PdfReport.Percent(hi * 100)}" : "—", l.Base.ToString(Culture.French)]), [3, 2, 1, 1.5, 1]);
    }
}

using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.Evaluation;

/// <summary>
/// The end-of-period report of specs §5.3 as a tagged PDF (<see cref="PdfReport"/>), built from the report the caller's
/// audience may receive (members: <see cref="EvaluationQueries.ReportAsync"/>; anonymous: the public report): every table
/// names its source and extraction date, counts under the threshold come masked from the sections. The outline (parts 0 to 8
/// of specs §5.3) is <see cref="EvaluationOutline"/>'s, the same as the page's.
/// Long texts go through <see cref="PdfReport.Bullets"/>, which continues over a page break (paragraphs cannot).
/// </summary>
public static class EvaluationPdf
{
    /// <param name="fingerprint">The public PDF: the SHA-256 of the presented version's public rendering, printed under the synthesis.</param>
    public static byte[] Render(EvaluationReportView r, string? fingerprint = null)
    {
        var e = r.Evaluation;
        using var pdf = new PdfReport($"{e.Title} — {r.ContractTitle}",
            $"{EvaluationLabels.Kind(e.Kind)} du {Culture.Date(e.PeriodStart)} au {Culture.Date(e.PeriodEnd)} — version {e.ReportVersion}, {EvaluationLabels.Status(e.Status)}");
        if (fingerprint is not null) pdf.Paragraph($"Empreinte SHA-256 de la version {e.ReportVersion} publiée : {fingerprint}", muted: true);
        foreach (var block in EvaluationOutline.Build(r))
        {
            switch (block)
            {
                case EvaluationHeadingBlock h: pdf.Heading(h.Text, h.Level); break;
                case EvaluationParagraphBlock p when p.Text.Length > 400: pdf.Bullets([p.Text]); break; // long texts continue over a page break
                case EvaluationParagraphBlock p: pdf.Paragraph(p.Text, p.Muted); break;
                case EvaluationBulletsBlock l: pdf.Bullets(l.Items); break;
                case EvaluationPairsBlock kv: pdf.KeyValues(kv.Pairs); break;
                case EvaluationTableBlock t:
                    pdf.Table(t.Table.Caption, t.Table.Headers, t.Table.Rows, t.Widths);
                    pdf.Source($"{t.Table.Source} — extraction du {Culture.Date(t.Table.ExtractedOn)}");
                    break;
            }
        }
        return pdf.ToArray();
    }
}

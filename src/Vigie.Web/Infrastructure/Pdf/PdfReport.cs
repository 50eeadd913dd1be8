using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Vigie.Web.Infrastructure.Pdf;

/// <summary>One line of a <see cref="PdfReport.LineChart"/>; a null value is a gap (missing, never drawn as zero).</summary>
public sealed record PdfChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// A tagged (PDF/UA structure: headings, paragraphs, lists, tables, figures with alternative text), A4, French
/// report written top to bottom: every Vigie PDF (fiche action, plan, meeting packs, plenary report) is built with it
/// so they look alike and stay accessible. Text wraps and tables continue on the next page with their header row.
/// </summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 50;
    private const double FooterHeight = 24;
    private static readonly XColor Ink = XColor.FromArgb(22, 22, 22);
    private static readonly XColor Muted = XColor.FromArgb(102, 102, 102);
    private static readonly XColor Rule = XColor.FromArgb(221, 221, 221);
    private static readonly XColor HeaderFill = XColor.FromArgb(236, 236, 254);
    private static readonly XColor Accent = XColor.FromArgb(0, 0, 145);

    /// <summary>Line colours for charts: DSFR blue, red, green, orange, purple — distinguishable in greyscale too.</summary>
    private static readonly XColor[] SeriesColours =
    [
        XColor.FromArgb(0, 0, 145), XColor.FromArgb(206, 5, 0), XColor.FromArgb(24, 117, 60),
        XColor.FromArgb(180, 90, 0), XColor.FromArgb(110, 68, 90),
    ];

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private readonly PdfDocument document;
    private readonly StructureBuilder structure;
    private readonly string footer;
    private readonly string? watermark;
    private readonly XFont body = Font(10);
    private readonly XFont bodyBold = Font(10, bold: true);
    private readonly XFont small = Font(8);
    private readonly XFont smallItalic = Font(8, italic: true);
    private XGraphics? graphics;
    private PdfPage? page;
    private double y;
    private int pageNumber;

    static PdfReport()
    {
        // Runs before the font fields below are initialised: PDFsharp needs its licence flag and font resolver first.
        PdfFonts.EnsureInstalled();
    }

    /// <param name="watermark">Drawn diagonally on every page (an artifact for assistive technologies), e.g. who printed a confidential document and when.</param>
    public PdfReport(string title, string? subtitle = null, string author = "Vigie", string? watermark = null)
    {
        this.watermark = watermark;
        document = new PdfDocument();
        // PDFsharp's Flate encoder leaves its streams (page contents, embedded fonts) without the end of the compressed
        // data (qpdf: "input stream is complete but output may still be valid"); strict readers and PDF/UA checkers
        // refuse that. Streams are written uncompressed instead: a report grows by the font subsets (~250 KB).
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        document.Info.Title = title;
        document.Info.Author = author;
        document.Info.Creator = "Vigie";
        if (subtitle is not null)
        {
            document.Info.Subject = subtitle;
        }
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage("fr-FR");
        structure = ua.StructureBuilder;
        footer = title;
        NewPage();
        Heading(title, 1);
        if (subtitle is not null)
        {
            Paragraph(subtitle, muted: true);
        }
    }

    private double Width => page!.Width.Point - 2 * Margin;
    private double Bottom => page!.Height.Point - Margin - FooterHeight;
    private XGraphics Gfx => graphics!;

    private static XFont Font(double size, bool bold = false, bool italic = false) =>
        new(PdfFonts.Family, size, (bold, italic) switch
        {
            (true, true) => XFontStyleEx.BoldItalic,
            (true, false) => XFontStyleEx.Bold,
            (false, true) => XFontStyleEx.Italic,
            _ => XFontStyleEx.Regular,
        });

    /// <summary>Section heading (level 1 to 3); kept on the same page as the start of what follows it.</summary>
    public PdfReport Heading(string text, int level = 2)
    {
        level = Math.Clamp(level, 1, 3);
        var font = Font(level switch { 1 => 18, 2 => 14, _ => 11.5 }, bold: true);
        var lines = Wrap(text, font, Width);
        var lineHeight = font.Size * 1.3;
        y += level == 1 ? 0 : 8;
        EnsureSpace(lines.Count * lineHeight + 40);
        structure.BeginElement(level switch
        {
            1 => PdfBlockLevelElementTag.Heading1,
            2 => PdfBlockLevelElementTag.Heading2,
            _ => PdfBlockLevelElementTag.Heading3,
        });
        DrawLines(lines, font, new XSolidBrush(level == 1 ? Accent : Ink), Margin, lineHeight);
        structure.End();
        y += 4;
        return this;
    }

    /// <summary>A paragraph; line breaks in <paramref name="text"/> are kept.</summary>
    public PdfReport Paragraph(string text, bool muted = false)
    {
        var lineHeight = body.Size * 1.4;
        EnsureSpace(lineHeight);
        structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
        foreach (var line in Wrap(text, body, Width))
        {
            TurnPageInside(PdfBlockLevelElementTag.Paragraph, lineHeight);
            DrawLines([line], body, new XSolidBrush(muted ? Muted : Ink), Margin, lineHeight);
        }
        structure.End();
        y += 6;
        return this;
    }

    /// <summary>Maximum characters of one line written by <see cref="Lines"/>: short enough never to wrap inside the page width.</summary>
    public const int LineChars = 70;

    /// <summary>
    /// Text as one-line paragraphs: <see cref="Paragraph"/> cannot continue a multi-line paragraph on a new page
    /// (PDFsharp's structure builder throws when the page changes inside a marked paragraph), so lines are cut here first.
    /// </summary>
    public PdfReport Lines(string text, bool muted = false)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var word in raw.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > LineChars)
                {
                    Paragraph(line.ToString(), muted);
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) Paragraph(line.ToString(), muted);
        }
        return this;
    }

    /// <summary>"Source : …" in small italics, for the data a figure or table comes from.</summary>
    public PdfReport Source(string text)
    {
        var lineHeight = small.Size * 1.4;
        EnsureSpace(lineHeight);
        structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
        foreach (var line in Wrap(SourceLine(text), smallItalic, Width))
        {
            TurnPageInside(PdfBlockLevelElementTag.Paragraph, lineHeight);
            DrawLines([line], smallItalic, new XSolidBrush(Muted), Margin, lineHeight);
        }
        structure.End();
        y += 6;
        return this;
    }

    /// <summary>« Source : » then the text, once even when the caller's text already starts with it.</summary>
    public static string SourceLine(string text) =>
        "Source : " + System.Text.RegularExpressions.Regex.Replace(text.Trim(), @"^sources?\s*:\s*", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>A bulleted list (tagged L / LI / Lbl / LBody).</summary>
    public PdfReport Bullets(IEnumerable<string> items)
    {
        var lineHeight = body.Size * 1.4;
        structure.BeginElement(PdfBlockLevelElementTag.List);
        foreach (var item in items)
        {
            var lines = Wrap(item, body, Width - 14);
            EnsureSpace(Math.Min(lines.Count, 2) * lineHeight);
            structure.BeginElement(PdfBlockLevelElementTag.ListItem);
            structure.BeginElement(PdfBlockLevelElementTag.Label);
            Gfx.DrawString("•", body, new XSolidBrush(Accent), Margin + 2, y, XStringFormats.TopLeft);
            structure.End();
            structure.BeginElement(PdfBlockLevelElementTag.ListBody);
            foreach (var line in lines)
            {
                TurnPageInside(PdfBlockLevelElementTag.ListBody, lineHeight);
                DrawLines([line], body, new XSolidBrush(Ink), Margin + 14, lineHeight);
            }
            structure.End();
            structure.End();
        }
        structure.End();
        y += 6;
        return this;
    }

    /// <summary>Label → value pairs as a two-column table whose first column is a row header.</summary>
    public PdfReport KeyValues(IEnumerable<(string Label, string Value)> pairs) =>
        Table(null, null, pairs.Select(p => (IReadOnlyList<string>)[p.Label, p.Value]), [1, 2.2], rowHeaders: true);

    /// <summary>
    /// A table with an optional caption and header row (repeated on each page it spans). Cells wrap; columns share the
    /// width in proportion to <paramref name="relativeWidths"/> (equal by default).
    /// </summary>
    public PdfReport Table(string? caption, IReadOnlyList<string>? headers, IEnumerable<IReadOnlyList<string>> rows,
        IReadOnlyList<double>? relativeWidths = null, bool rowHeaders = false)
    {
        var materialised = rows.ToList();
        var columns = headers?.Count ?? materialised.Select(r => r.Count).DefaultIfEmpty(1).Max();
        var weights = relativeWidths is { Count: > 0 } && relativeWidths.Count == columns ? relativeWidths : Enumerable.Repeat(1.0, columns).ToList();
        var total = weights.Sum();
        var widths = weights.Select(w => Width * w / total).ToArray();

        if (caption is not null)
        {
            EnsureSpace(60);
            structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
            DrawLines(Wrap(caption, bodyBold, Width), bodyBold, new XSolidBrush(Ink), Margin, bodyBold.Size * 1.4);
            structure.End();
            y += 2;
        }

        structure.BeginElement(PdfBlockLevelElementTag.Table);
        if (headers is not null)
        {
            EnsureSpace(RowHeight(headers, widths, bodyBold) + 20);
            DrawRow(headers, widths, header: true, rowHeader: false);
        }
        foreach (var row in materialised)
        {
            var height = RowHeight(row, widths, body);
            if (y + height > Bottom)
            {
                NewPage();
                if (headers is not null)
                {
                    DrawRow(headers, widths, header: true, rowHeader: false);
                }
            }
            DrawRow(row, widths, header: false, rowHeaders);
        }
        if (materialised.Count == 0)
        {
            structure.BeginElement(PdfBlockLevelElementTag.TableRow);
            structure.BeginElement(PdfBlockLevelElementTag.TableDataCell);
            EnsureSpace(body.Size * 2);
            DrawLines(["Aucune donnée."], body, new XSolidBrush(Muted), Margin + 4, body.Size * 1.8);
            structure.End();
            structure.End();
        }
        structure.End();
        y += 10;
        return this;
    }

    /// <summary>
    /// Horizontal progress bars (0–100 %), one per label; a null percentage is written "non renseigné" and drawn empty.
    /// Tagged as a two-column table (label, value); the bars themselves are decoration (artifacts).
    /// </summary>
    public PdfReport ProgressBars(string caption, IEnumerable<(string Label, double? Percent)> items)
    {
        EnsureSpace(50);
        structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
        DrawLines(Wrap(caption, bodyBold, Width), bodyBold, new XSolidBrush(Ink), Margin, bodyBold.Size * 1.4);
        structure.End();
        var labelWidth = Width * 0.45;
        var barWidth = Width * 0.38;
        structure.BeginElement(PdfBlockLevelElementTag.Table);
        foreach (var (label, percent) in items)
        {
            var lines = Wrap(label, body, labelWidth - 6);
            var height = Math.Max(lines.Count * body.Size * 1.35, 14) + 6;
            EnsureSpace(height);
            var top = y;
            structure.BeginElement(PdfBlockLevelElementTag.TableRow);
            structure.BeginElement(PdfBlockLevelElementTag.TableHeaderCell);
            Scope("/Row");
            y = top + 3;
            DrawLines(lines, body, new XSolidBrush(Ink), Margin, body.Size * 1.35);
            structure.End();
            structure.BeginArtifact();
            var barTop = top + 4;
            Gfx.DrawRectangle(new XPen(Rule, 0.8), new XSolidBrush(XColor.FromArgb(246, 246, 246)), Margin + labelWidth, barTop, barWidth, 10);
            if (percent is { } p)
            {
                Gfx.DrawRectangle(new XSolidBrush(Accent), Margin + labelWidth, barTop, barWidth * Math.Clamp(p, 0, 100) / 100, 10);
            }
            structure.End();
            structure.BeginElement(PdfBlockLevelElementTag.TableDataCell);
            var text = percent is { } v ? Percent(v) : "non renseigné";
            Gfx.DrawString(text, percent is null ? smallItalic : body, new XSolidBrush(percent is null ? Muted : Ink),
                Margin + labelWidth + barWidth + 8, barTop - 1, XStringFormats.TopLeft);
            structure.End();
            structure.End();
            y = top + height;
        }
        structure.End();
        y += 8;
        return this;
    }

    /// <summary>
    /// A line chart as a tagged figure with <paramref name="altText"/> (say what the chart shows, e.g. the trend in
    /// words: screen readers read it instead of the drawing). Null values leave a gap in the line.
    /// </summary>
    public PdfReport LineChart(string title, string altText, IReadOnlyList<string> xLabels, IReadOnlyList<PdfChartSeries> series, string? unit = null)
    {
        const double plotHeight = 150, legendLine = 11;
        // One legend entry per line, names wrapped in full (never cut with an ellipsis: the name is what tells the lines apart).
        var legends = series.Select(s => Wrap(s.Name, small, Width - 20)).ToList();
        var height = 30 + plotHeight + 22 + legends.Sum(l => l.Count * legendLine + 3);
        EnsureSpace(height + 10);
        var top = y;
        var rect = new XRect(Margin, top, Width, height);
        structure.BeginElement(PdfIllustrationElementTag.Figure, altText, rect);
        Gfx.DrawString(title, bodyBold, new XSolidBrush(Ink), Margin, top, XStringFormats.TopLeft);

        var values = series.SelectMany(s => s.Values).OfType<double>().ToList();
        var max = values.Count == 0 ? 1 : values.Max();
        var min = values.Count == 0 ? 0 : Math.Min(0, values.Min());
        var (tickStep, tickMax) = NiceScale(min, max);
        var plotLeft = Margin + 44;
        var plotTop = top + 30;
        var plotWidth = Width - 54;
        double Y(double v) => plotTop + plotHeight - (v - min) / (tickMax - min) * plotHeight;
        double X(int i) => xLabels.Count <= 1 ? plotLeft + plotWidth / 2 : plotLeft + i * plotWidth / (xLabels.Count - 1);

        var grid = new XPen(Rule, 0.6);
        for (var tick = min; tick <= tickMax + tickStep / 2; tick += tickStep)
        {
            Gfx.DrawLine(grid, plotLeft, Y(tick), plotLeft + plotWidth, Y(tick));
            Gfx.DrawString(Number(tick), small, new XSolidBrush(Muted), new XRect(Margin, Y(tick) - 5, 40, 10), XStringFormats.CenterRight);
        }
        if (unit is not null)
        {
            Gfx.DrawString(unit, small, new XSolidBrush(Muted), plotLeft - 40, plotTop - 13, XStringFormats.TopLeft);
        }
        var labelEvery = Math.Max(1, (int)Math.Ceiling(xLabels.Count / 12.0));
        for (var i = 0; i < xLabels.Count; i += labelEvery)
        {
            Gfx.DrawString(xLabels[i], small, new XSolidBrush(Muted), new XRect(X(i) - 30, plotTop + plotHeight + 4, 60, 10), XStringFormats.TopCenter);
        }
        var legendY = plotTop + plotHeight + 20;
        for (var s = 0; s < series.Count; s++)
        {
            var colour = SeriesColours[s % SeriesColours.Length];
            var pen = new XPen(colour, 1.6);
            var brush = new XSolidBrush(colour);
            var run = new List<XPoint>();
            for (var i = 0; i < Math.Min(series[s].Values.Count, xLabels.Count); i++)
            {
                if (series[s].Values[i] is { } v)
                {
                    var point = new XPoint(X(i), Y(v));
                    run.Add(point);
                    Gfx.DrawEllipse(brush, point.X - 2, point.Y - 2, 4, 4);
                }
                else
                {
                    DrawRun(pen, run);
                }
            }
            DrawRun(pen, run);
            Gfx.DrawLine(pen, Margin, legendY + 5, Margin + 14, legendY + 5);
            foreach (var line in legends[s])
            {
                Gfx.DrawString(line, small, new XSolidBrush(Ink), Margin + 18, legendY, XStringFormats.TopLeft);
                legendY += legendLine;
            }
            legendY += 3;
        }
        structure.End();
        y = top + height + 10;
        return this;
    }

    /// <summary>Starts a new page (e.g. before each priority of a plan).</summary>
    public PdfReport PageBreak()
    {
        NewPage();
        return this;
    }

    public byte[] ToArray()
    {
        graphics?.Dispose();
        graphics = null;
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return PdfUaIdentifier.Add(stream.ToArray());
    }

    public void Dispose()
    {
        graphics?.Dispose();
        document.Dispose();
    }

    public static string Percent(double value) => Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("0", French) + " %";

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 || value == Math.Round(value) ? "#,0" : "#,0.##", French);

    private static (double Step, double Max) NiceScale(double min, double max)
    {
        var range = Math.Max(max - min, 1e-9);
        var rough = range / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        return (step, min + Math.Ceiling(range / step) * step);
    }

    private void DrawRun(XPen pen, List<XPoint> run)
    {
        if (run.Count > 1)
        {
            Gfx.DrawLines(pen, [.. run]);
        }
        run.Clear();
    }

    private double RowHeight(IReadOnlyList<string> row, double[] widths, XFont font) =>
        Enumerable.Range(0, widths.Length)
            .Select(i => Wrap(i < row.Count ? row[i] : "", font, widths[i] - 8).Count)
            .DefaultIfEmpty(1).Max() * font.Size * 1.35 + 8;

    private void DrawRow(IReadOnlyList<string> row, double[] widths, bool header, bool rowHeader)
    {
        var font = header ? bodyBold : body;
        var height = Math.Min(RowHeight(row, widths, font), Bottom - y);
        var top = y;
        structure.BeginArtifact();
        if (header)
        {
            Gfx.DrawRectangle(new XSolidBrush(HeaderFill), Margin, top, Width, height);
        }
        Gfx.DrawLine(new XPen(Rule, 0.6), Margin, top + height, Margin + Width, top + height);
        structure.End();
        structure.BeginElement(PdfBlockLevelElementTag.TableRow);
        var x = Margin;
        for (var i = 0; i < widths.Length; i++)
        {
            var cellHeader = header || (rowHeader && i == 0);
            structure.BeginElement(cellHeader ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
            if (cellHeader) Scope(header ? "/Column" : "/Row");
            var lines = Wrap(i < row.Count ? row[i] : "", cellHeader ? bodyBold : body, widths[i] - 8);
            var lineHeight = font.Size * 1.35;
            var fit = Math.Max(1, (int)((height - 8) / lineHeight));
            if (lines.Count > fit)
            {
                lines = [.. lines.Take(fit - 1), "…"];
            }
            y = top + 4;
            DrawLines(lines, cellHeader ? bodyBold : body, new XSolidBrush(Ink), x + 4, lineHeight);
            structure.End();
            x += widths[i];
        }
        structure.End();
        y = top + height;
    }

    /// <summary>The table attribute /Scope of the header cell just begun (PDF/UA: assistive technology pairs cells with their headers).</summary>
    private void Scope(string scope) => structure.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", scope);

    private void DrawLines(IEnumerable<string> lines, XFont font, XBrush brush, double x, double lineHeight)
    {
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                Gfx.DrawString(line, font, brush, x, y, XStringFormats.TopLeft);
            }
            y += lineHeight;
        }
    }

    private void EnsureSpace(double height)
    {
        if (y + height > Bottom && y > Margin + 1)
        {
            NewPage();
        }
    }

    /// <summary>
    /// A page break between two lines of one tagged text element. Its marked content cannot run from one page's content
    /// stream into the next (PDFsharp then throws "Current renderer must be an XGraphicsPdfRenderer"), so the element is
    /// closed, the page turned and an element of the same tag opened on the new page.
    /// </summary>
    private void TurnPageInside(PdfBlockLevelElementTag tag, double lineHeight)
    {
        if (y + lineHeight <= Bottom || y <= Margin + 1) return;
        structure.End();
        NewPage();
        structure.BeginElement(tag);
    }

    private void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        pageNumber++;
        structure.BeginArtifact();
        var footerY = page.Height.Point - Margin + 4;
        Gfx.DrawLine(new XPen(Rule, 0.6), Margin, footerY - 6, Margin + Width, footerY - 6);
        Gfx.DrawString(Ellipsis(footer, small, Width - 80), small, new XSolidBrush(Muted), Margin, footerY, XStringFormats.TopLeft);
        Gfx.DrawString($"Page {pageNumber}", small, new XSolidBrush(Muted), new XRect(Margin, footerY, Width, 10), XStringFormats.TopRight);
        if (watermark is not null)
        {
            DrawWatermark(watermark);
        }
        structure.End();
        y = Margin;
    }

    /// <summary>The watermark across the middle of the page, light and rotated, its lines centred; also repeated in small print under the header.</summary>
    private void DrawWatermark(string text)
    {
        var font = Font(16, bold: true);
        var brush = new XSolidBrush(XColor.FromArgb(70, 206, 5, 0));
        var state = Gfx.Save();
        Gfx.TranslateTransform(page!.Width.Point / 2, page.Height.Point / 2);
        Gfx.RotateTransform(-35);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            Gfx.DrawString(lines[i], font, brush, new XRect(-page.Width.Point, (i - lines.Length / 2.0) * font.Size * 1.5, 2 * page.Width.Point, font.Size * 1.5), XStringFormats.Center);
        }
        Gfx.Restore(state);
        Gfx.DrawString(Ellipsis(text.Replace('\n', ' '), small, Width), small, new XSolidBrush(Muted), Margin, Margin - 30, XStringFormats.TopLeft);
    }

    private string Ellipsis(string text, XFont font, double width)
    {
        if (Gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        var cut = text;
        while (cut.Length > 1 && Gfx.MeasureString(cut + "…", font).Width > width)
        {
            cut = cut[..^1];
        }
        return cut + "…";
    }

    /// <summary>Greedy word wrap; a word longer than the line is cut between characters.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Gfx.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    // The space the wrap replaces is kept at the end of the line (invisible), so the text read back
                    // from the tagged PDF keeps its words apart (« quartier Belleville », not « quartierBelleville »).
                    result.Add(line + " ");
                }
                line = word;
                while (line.Length > 1 && Gfx.MeasureString(line, font).Width > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Gfx.MeasureString(line[..cut], font).Width > width)
                    {
                        cut--;
                    }
                    result.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            result.Add(line);
        }
        return result;
    }
}

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// The two table files every export writes: CSV for French spreadsheets (UTF-8 with BOM so Excel detects the
/// encoding, ';' separator, fields as already formatted) and a one-sheet XLSX whose cells are typed: numbers as numbers,
/// <see cref="DateOnly"/> as real dates shown dd/mm/yyyy, <see cref="Euros"/> as numbers with the French currency format
/// (so sums work in Excel and LibreOffice), text inline.
/// CSV text that a spreadsheet would run as a formula is neutralised (<see cref="CsvCell"/>); XLSX cells are typed, so safe.
/// </summary>
public static class Spreadsheets
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(IEnumerable<IEnumerable<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(Culture.French) { Delimiter = ";" }))
        {
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(CsvCell(field));
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// CSV formula injection (OWASP): a text cell starting with = + - @ tab or carriage return is prefixed with an
    /// apostrophe so spreadsheets show it as text instead of evaluating it. Numbers (e.g. « -12,5 ») stay numbers.
    /// Readers strip the apostrophe back (<see cref="Tables.TableReader"/>), so exports round-trip.
    /// </summary>
    public static string CsvCell(string? value)
    {
        if (string.IsNullOrEmpty(value) || !IsFormulaTrigger(value[0])) return value ?? "";
        if (IsNumber(value)) return value;
        return "'" + value;
    }

    public static bool IsFormulaTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, Culture.French, out _)
        || decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

    /// <summary>An amount in euros: written as a number with the French currency format (« 1 234,50 € »).</summary>
    public readonly record struct Euros(decimal Amount);

    /// <summary>Number formats of the workbook's styles (ids from 164 are custom in SpreadsheetML).</summary>
    public const string DateFormat = "dd/mm/yyyy", EuroFormat = "#,##0.00\\ [$€-40C];\\-#,##0.00\\ [$€-40C]";
    private const uint DateStyle = 1, EuroStyle = 2;

    /// <summary>Cells: null or "" → empty; decimal/double/long/int → number; <see cref="DateOnly"/> → date; <see cref="Euros"/> → amount; anything else → its text.</summary>
    public static byte[] Xlsx(string sheetName, IEnumerable<IEnumerable<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var row in rows) data.Append(Row(row));
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(IEnumerable<object?> values)
    {
        var row = new Row();
        foreach (var v in values)
        {
            row.Append(v switch
            {
                null or "" => new Cell(),
                decimal d => Number(d.ToString(CultureInfo.InvariantCulture)),
                long l => Number(l.ToString(CultureInfo.InvariantCulture)),
                int i => Number(i.ToString(CultureInfo.InvariantCulture)),
                double d => Number(d.ToString("R", CultureInfo.InvariantCulture)),
                DateOnly d => Number(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), DateStyle),
                Euros e => Number(e.Amount.ToString(CultureInfo.InvariantCulture), EuroStyle),
                _ => new Cell
                {
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(v.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            });
        }
        return row;
    }

    private static Cell Number(string invariant, uint style = 0) =>
        new() { DataType = CellValues.Number, CellValue = new CellValue(invariant), StyleIndex = style == 0 ? null : UInt32Value.FromUInt32(style) };

    /// <summary>The minimal stylesheet: default font, the two required fills, one border, and the cell formats 0 (general), 1 (date), 2 (euros).</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164U, FormatCode = DateFormat },
            new NumberingFormat { NumberFormatId = 165U, FormatCode = EuroFormat }) { Count = 2U },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 1U },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0 },
            new CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true }) { Count = 3U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Vigie.Web.Infrastructure.Tables;

public enum TableFormat { Csv, Xlsx }

/// <summary>
/// Caps applied while a table file is read, so that an upload costs bounded memory and time whatever it contains.
/// <see cref="MaxDecompressedBytes"/> bounds what an XLSX (a zip) inflates to: declared sizes are checked first and
/// the bytes actually inflated are counted too, because a crafted zip can declare less than it holds.
/// </summary>
public sealed record TableLimits(
    long MaxFileBytes = 20 * 1024 * 1024,
    long MaxDecompressedBytes = 64 * 1024 * 1024,
    int MaxZipEntries = 1000,
    int MaxRows = 50_000,
    int MaxColumns = 200,
    int MaxCellLength = 32_767,
    int MaxErrors = 100)
{
    public static readonly TableLimits Default = new();
}

/// <summary>A table file the reader refuses (too large, unreadable, bad encoding…): the message is French, for the user.</summary>
public sealed class TableException(string message, int line = 0) : Exception(message)
{
    /// <summary>1-based line (row) where the problem was met, 0 for the whole file.</summary>
    public int Line { get; } = line;
}

/// <summary>One row of a sheet: its 1-based line number in the file and its cells as text in French format.</summary>
public sealed record TableRow(int Line, string[] Cells);

/// <summary>
/// The one reader of uploaded CSV and XLSX tables (plan, partner series, état 4001). XLSX is read sheet by sheet and
/// row by row (ExcelDataReader streams the sheet XML) after the zip has been checked against the caps; CSV is
/// detected as UTF-8 (with or without BOM) or else Windows-1252, the encoding Excel FR writes « CSV (séparateur :
/// point-virgule) » in, and its separator (« ; », « , » or tab) is read from the header line. Cells come out as text in French format (dd/MM/yyyy, decimal comma); an apostrophe that
/// an export put before a formula character (see <see cref="Spreadsheets.CsvCell"/>) is removed.
/// </summary>
public static class TableReader
{
    static TableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // Windows-1252; ExcelDataReader asks for it too

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>XLSX when the content is a zip (PK signature), else CSV.</summary>
    public static TableFormat Detect(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4 ? TableFormat.Xlsx : TableFormat.Csv;

    /// <summary>Reads a stream fully, refusing more than <see cref="TableLimits.MaxFileBytes"/>.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream content, TableLimits limits, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > limits.MaxFileBytes) throw new TableException($"Le fichier dépasse la taille maximale de {Size(limits.MaxFileBytes)}.");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>The rows of the table (of the first sheet for XLSX), streamed; throws <see cref="TableException"/> on any cap or unreadable file.</summary>
    public static IEnumerable<TableRow> Rows(byte[] content, TableFormat format, TableLimits limits) =>
        format == TableFormat.Csv ? CsvRows(content, limits) : XlsxRows(content, limits);

    // ------------------------------------------------------------------ CSV

    /// <summary>UTF-8 (BOM or not) when the bytes are valid UTF-8, else Windows-1252.</summary>
    public static Encoding CsvEncoding(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || System.Text.Unicode.Utf8.IsValid(content)
            ? StrictUtf8 : Encoding.GetEncoding(1252);

    private static IEnumerable<TableRow> CsvRows(byte[] content, TableLimits limits)
    {
        if (content.LongLength > limits.MaxFileBytes) throw new TableException($"Le fichier dépasse la taille maximale de {Size(limits.MaxFileBytes)}.");
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new TableException("Le fichier est encodé en UTF-16, qui n'est pas pris en charge : enregistrez-le en « CSV UTF-8 (délimité par des points-virgules) ».");
        var encoding = CsvEncoding(content);
        using var reader = new StreamReader(new MemoryStream(content), encoding, detectEncodingFromByteOrderMarks: false);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = CsvDelimiter(content, encoding), BadDataFound = null, DetectDelimiter = false, MaxFieldSize = limits.MaxCellLength,
        });
        var rows = 0;
        while (true)
        {
            string[] record;
            try
            {
                if (!csv.Read()) yield break;
                record = csv.Record ?? [];
            }
            catch (MaxFieldSizeException)
            {
                throw new TableException($"Ligne {csv.RawRow} : une cellule dépasse {limits.MaxCellLength.ToString("N0", Culture.French)} caractères.", csv.RawRow);
            }
            catch (CsvHelperException)
            {
                throw new TableException($"Le fichier CSV est mal formé vers la ligne {csv.RawRow} (guillemets non fermés ?).", csv.RawRow);
            }
            catch (DecoderFallbackException)
            {
                // A UTF-8 byte-order mark followed by bytes that are not UTF-8 (Windows-1252 text behind a BOM).
                throw new TableException($"Le fichier annonce l'encodage UTF-8 mais contient vers la ligne {csv.RawRow + 1} des octets qui n'en sont pas : enregistrez-le en « CSV UTF-8 (délimité par des points-virgules) ».", csv.RawRow + 1);
            }
            if (++rows > limits.MaxRows) throw TooManyRows(limits);
            if (record.Length > limits.MaxColumns) throw TooManyColumns(limits, csv.RawRow);
            for (var i = 0; i < record.Length; i++) record[i] = Unescape(record[i]);
            // PostgreSQL text cannot hold U+0000: refused here, for both providers, rather than failing at the save.
            if (record.Any(c => c.Contains('\0', StringComparison.Ordinal)))
                throw new TableException($"Ligne {csv.RawRow} : une cellule contient un caractère nul (U+0000), qui n'est pas accepté.", csv.RawRow);
            if (rows == 1 && record.Length > 0) record[0] = record[0].TrimStart('\uFEFF');
            yield return new TableRow(csv.RawRow, record);
        }
    }

    /// <summary>
    /// The separator of the header line, as a spreadsheet may write it back: « ; » (French Excel and LibreOffice), « , »
    /// or a tab — the one met most often outside quotes on the first line, « ; » on a tie or when there is none.
    /// </summary>
    public static string CsvDelimiter(byte[] content, Encoding encoding)
    {
        // The first 64 KB may end inside a UTF-8 sequence: decode leniently (the strict reader checks the whole file).
        var text = (encoding is UTF8Encoding ? Encoding.UTF8 : encoding).GetString(content, 0, (int)Math.Min(content.LongLength, 64 * 1024));
        int semicolons = 0, tabs = 0, commas = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c is '\n' or '\r') break;
            else if (c == ';') semicolons++;
            else if (c == '\t') tabs++;
            else if (c == ',') commas++;
        }
        if (tabs > semicolons && tabs >= commas) return "\t";
        return commas > semicolons ? "," : ";";
    }

    /// <summary>Undoes the formula-injection apostrophe of our CSV exports.</summary>
    private static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && Spreadsheets.IsFormulaTrigger(cell[1]) ? cell[1..] : cell;

    // ------------------------------------------------------------------ XLSX

    /// <summary>Raw cell values (string, double, DateTime, bool or null) of every sheet, checked against the caps, in order.</summary>
    public static IEnumerable<(string Sheet, IEnumerable<(int Line, object?[] Values)> Rows)> XlsxSheets(byte[] content, TableLimits limits, bool firstOnly = false)
    {
        CheckZip(content, limits);
        IExcelDataReader reader;
        try { reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(content)); }
        catch (Exception e) when (Unreadable(e)) { throw NotAWorkbook(); }
        using (reader)
        {
            var rowsSoFar = 0;
            do
            {
                var name = reader.Name ?? "";
                yield return (name, SheetRows(reader, limits, () => ++rowsSoFar));
                if (firstOnly) yield break;
                bool next;
                try { next = reader.NextResult(); }
                catch (Exception e) when (Unreadable(e)) { throw NotAWorkbook(); }
                if (!next) yield break;
            }
            while (true);
        }
    }

    private static IEnumerable<(int Line, object?[] Values)> SheetRows(IExcelDataReader reader, TableLimits limits, Func<int> countRow)
    {
        var line = 0;
        while (true)
        {
            try
            {
                if (!reader.Read()) yield break;
            }
            catch (Exception e) when (Unreadable(e)) { throw NotAWorkbook(); }
            line++;
            if (countRow() > limits.MaxRows) throw TooManyRows(limits);
            if (reader.FieldCount > limits.MaxColumns)
            {
                // Trailing empty cells (formatted but blank columns) do not count.
                var last = -1;
                for (var i = 0; i < reader.FieldCount; i++) if (reader.GetValue(i) is not null) last = i;
                if (last >= limits.MaxColumns) throw TooManyColumns(limits, line);
            }
            var values = new object?[Math.Min(reader.FieldCount, limits.MaxColumns)];
            for (var i = 0; i < values.Length; i++)
            {
                var v = reader.GetValue(i);
                if (v is string s && s.Length > limits.MaxCellLength)
                    throw new TableException($"Ligne {line} : une cellule dépasse {limits.MaxCellLength.ToString("N0", Culture.French)} caractères.", line);
                values[i] = v;
            }
            yield return (line, values);
        }
    }

    private static IEnumerable<TableRow> XlsxRows(byte[] content, TableLimits limits)
    {
        foreach (var (_, rows) in XlsxSheets(content, limits, firstOnly: true))
            foreach (var (line, values) in rows)
                yield return new TableRow(line, values.Select(Text).ToArray());
    }

    /// <summary>A cell as text in French format: dates dd/MM/yyyy, decimal comma, no thousands separator.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : dt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", Culture.French),
        bool b => b ? "VRAI" : "FAUX",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// Refuses a zip whose entries would inflate beyond the cap: declared sizes first (cheap), then every entry
    /// actually inflated into a counting sink (constant memory), since declared sizes can lie. (System.IO.Compression
    /// stops an entry at its declared size, so a lying zip reads truncated and is refused as damaged; the count
    /// keeps the cap true whatever the zip layer does.)
    /// </summary>
    public static void CheckZip(byte[] content, TableLimits limits)
    {
        if (content.LongLength > limits.MaxFileBytes) throw new TableException($"Le fichier dépasse la taille maximale de {Size(limits.MaxFileBytes)}.");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxZipEntries)
                throw new TableException($"Le classeur contient {zip.Entries.Count.ToString("N0", Culture.French)} éléments internes (au plus {limits.MaxZipEntries.ToString("N0", Culture.French)}) : ce n'est pas un classeur ordinaire.");
            var declared = zip.Entries.Sum(e => e.Length);
            if (declared > limits.MaxDecompressedBytes) throw TooBigInflated(limits);
            var buffer = new byte[81920];
            long inflated = 0;
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                int n;
                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                    if ((inflated += n) > limits.MaxDecompressedBytes) throw TooBigInflated(limits);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException) { throw NotAWorkbook(); }
    }

    private static bool Unreadable(Exception e) =>
        e is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException or System.Xml.XmlException
            or ArgumentException or FormatException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException;

    private static TableException NotAWorkbook() => new("Le fichier n'est pas un classeur Excel (.xlsx) lisible ou il est endommagé.");

    private static TableException TooBigInflated(TableLimits limits) =>
        new($"Le classeur décompressé dépasse {Size(limits.MaxDecompressedBytes)} : il est refusé (fichier anormalement compressé ou trop volumineux ; découpez-le ou enregistrez-le en CSV).");

    private static TableException TooManyRows(TableLimits limits) =>
        new($"Le fichier dépasse le nombre maximal de {limits.MaxRows.ToString("N0", Culture.French)} lignes : découpez-le en plusieurs fichiers.");

    private static TableException TooManyColumns(TableLimits limits, int line) =>
        new($"Ligne {line} : le fichier dépasse le nombre maximal de {limits.MaxColumns.ToString("N0", Culture.French)} colonnes.", line);

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024d * 1024)).ToString("0.#", Culture.French)} Mo"
        : $"{(bytes / 1024d).ToString("0.#", Culture.French)} Ko";

    /// <summary>The first <see cref="TableLimits.MaxErrors"/> errors, then one line saying how many more there are.</summary>
    public static List<T> CapErrors<T>(IReadOnlyList<T> errors, int max, Func<string, T> summary)
    {
        if (errors.Count <= max) return errors.ToList();
        var rest = errors.Count - max;
        return [.. errors.Take(max), summary($"… et {rest.ToString("N0", Culture.French)} autre{(rest > 1 ? "s" : "")} erreur{(rest > 1 ? "s" : "")}.")];
    }
}

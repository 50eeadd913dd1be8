using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static Vigie.Web.Features.Observatory.IndicatorCatalog;

namespace Vigie.Web.Features.Observatory.Ssmsi;

/// <summary>One parsed SSMSI cell, codes normalised, numbers as published.</summary>
public readonly record struct SsmsiRow(
    long Line,
    StatLevel Level,
    string GeoCode,
    int Year,
    string IndicatorCode,
    string PublishedLabel,
    string Unit,
    Disclosure Disclosure,
    long? Count,
    decimal? Rate,
    long? Population,
    int? PopulationYear,
    decimal? Dwellings,
    int? DwellingsYear,
    decimal? EstimateCount,
    decimal? EstimateRate)
{
    /// <summary>The natural key of a cell within an edition, packed so duplicate searches stay small.</summary>
    public long Key(int indicatorId)
    {
        long geo = 0;
        foreach (var c in GeoCode) geo = geo * 64 + c; // ≤ 5 ASCII chars → 35 bits
        return ((((long)Level * (1L << 35) + geo) * 256 + (Year - 1900)) << 12) + indicatorId;
    }
}

/// <summary>The column indexes of a layout (-1 for a column the generation does not have).</summary>
internal sealed record SsmsiColumns(
    int Geo, int Year, int Label, int Unit, int Count, int Rate, int Pop, int PopYear, int Log, int LogYear,
    int Diffusion, int EstimateCount, int EstimateRate);

/// <summary>The layout detected from the header line.</summary>
public sealed record SsmsiLayout(string Generation, StatLevel Level, char Delimiter, int ColumnCount, IReadOnlyList<string> Header);

/// <summary>
/// Streaming reader of the SSMSI bases (three département/région generations and the communal base).
/// Reads the file line by line with a capped line length (a 10 MB line never gets buffered), strict UTF-8 decoding per line
/// (so an encoding error names its line),
/// and turns each line into an <see cref="SsmsiRow"/>. Errors are <see cref="UserInputException"/> in French
/// naming the file, the line and the column.
/// A hand-rolled splitter rather than CsvHelper: it gives us the line cap, exact line numbers for every error,
/// and one code path for the four quoting styles (measured ≈ 0,5 µs per line).
/// </summary>
public sealed partial class SsmsiReader : IDisposable
{
    public const int MaxLineLength = 64 * 1024;
    /// <summary>Today's communal base has ~5 million lines; four times that is refused as not an SSMSI base (the upload cap is 1 GB).</summary>
    public const long MaxLines = 20_000_000;
    private const int BufferSize = 64 * 1024;

    private readonly string _fileName;
    // Strict decoder: a Latin-1 or Windows-1252 file fails loudly instead of importing mojibake labels.
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly byte[] _line = new byte[MaxLineLength];
    // The decoded line, and the unescaped text of its quoted fields: fields are ranges of these buffers, so a row
    // allocates nothing but the strings it keeps (codes, labels and units are interned per file).
    private readonly char[] _chars = new char[MaxLineLength];
    private int _charCount;
    private readonly char[] _unquoted = new char[MaxLineLength];
    private bool _started;
    private readonly List<(bool Unquoted, int Start, int Length)> _fields = new(16);
    private readonly Dictionary<string, (string Label, string? Code)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Label, string? Code)>.AlternateLookup<ReadOnlySpan<char>> _codesBySpan;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stringsBySpan;
    // Geography codes as written (upper-cased) → the normalised code: validated once per distinct value.
    private readonly Dictionary<string, string> _geos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _geosBySpan;
    private int _pos;
    private int _len;
    private bool _eof;
    private readonly Columns _c;

    public SsmsiLayout Layout { get; }
    /// <summary>Number of the last line read (1 = header).</summary>
    public long LineNumber { get; private set; }

    public SsmsiReader(Stream stream, string fileName)
    {
        _fileName = fileName;
        _stream = stream;
        _codesBySpan = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        _stringsBySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _geosBySpan = _geos.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!ReadLine()) throw new UserInputException($"Fichier « {fileName} » : le fichier est vide.");
        (Layout, _c) = DetectLayout(new string(Line));
    }

    public void Dispose() => _stream.Dispose();

    // ------------------------------------------------------------------ lines

    private ReadOnlySpan<char> Line => _chars.AsSpan(0, _charCount);

    /// <summary>Reads the next line into <see cref="Line"/>; false at the end of the file.</summary>
    private bool ReadLine()
    {
        var n = 0;
        var any = false;
        while (true)
        {
            if (_pos >= _len)
            {
                if (_eof) break;
                _len = _stream.Read(_buffer, 0, _buffer.Length);
                _pos = 0;
                if (_len == 0) { _eof = true; break; }
                if (!_started)
                {
                    _started = true;
                    if (_len >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _pos = 3; // UTF-8 BOM
                }
            }
            any = true;
            // Lines are cut on the LF byte: in UTF-8 it never occurs inside a multi-byte character.
            var idx = _buffer.AsSpan(_pos, _len - _pos).IndexOf((byte)'\n');
            var end = idx < 0 ? _len : _pos + idx;
            var take = end - _pos;
            if (n + take > MaxLineLength)
                throw new UserInputException($"Fichier « {_fileName} », ligne {LineNumber + 1} : ligne trop longue (plus de {MaxLineLength / 1024} Ko) ; le fichier n'est pas une base SSMSI valide ou ses fins de ligne ont été perdues.");
            _buffer.AsSpan(_pos, take).CopyTo(_line.AsSpan(n));
            n += take;
            _pos = end;
            if (idx >= 0) { _pos++; break; }
        }
        if (!any) return false;
        if (++LineNumber > MaxLines)
            throw new UserInputException($"Fichier « {_fileName} » : plus de {MaxLines.ToString("N0", Infrastructure.Culture.French)} lignes ; ce n'est pas une base SSMSI valide.");
        if (n > 0 && _line[n - 1] == (byte)'\r') n--;
        try
        {
            _charCount = Utf8.GetChars(_line, 0, n, _chars, 0);
            return true;
        }
        catch (DecoderFallbackException)
        {
            throw new UserInputException($"Fichier « {_fileName} », ligne {LineNumber} : le fichier n'est pas encodé en UTF-8 (octets invalides, probablement Latin-1 ou Windows-1252). Réenregistrez-le en UTF-8.");
        }
    }

    private int Split(ReadOnlySpan<char> line, char delimiter)
    {
        _fields.Clear();
        var unquoted = 0;
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var start = unquoted;
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw Error(_fields.Count, "guillemet ouvrant sans guillemet fermant (ligne incomplète ou fichier tronqué).");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { _unquoted[unquoted++] = '"'; i += 2; continue; }
                        i++;
                        break;
                    }
                    _unquoted[unquoted++] = line[i++];
                }
                _fields.Add((true, start, unquoted - start));
                if (i < line.Length && line[i] != delimiter)
                    throw Error(_fields.Count - 1, "caractère inattendu après un champ entre guillemets.");
            }
            else
            {
                var next = line[i..].IndexOf(delimiter);
                var end = next < 0 ? line.Length : i + next;
                _fields.Add((false, i, end - i));
                i = end;
            }
            if (i >= line.Length) break;
            i++; // delimiter
            if (i == line.Length) { _fields.Add((false, i, 0)); break; }
        }
        return _fields.Count;
    }

    // ------------------------------------------------------------------ header

    [GeneratedRegex(@"^CODGEO_\d{4}$", RegexOptions.IgnoreCase)] private static partial Regex CodGeo();

    private sealed record Columns(
        int Geo, int Year, int Label, int Unit, int Count, int Rate, int Pop, int PopYear, int Log, int LogYear,
        int Diffusion = -1, int EstimateCount = -1, int EstimateRate = -1);

    private (SsmsiLayout, Columns) DetectLayout(string header)
    {
        var delimiter = header.Contains(';') ? ';' : header.Contains(',') ? ',' : '\0';
        if (delimiter == '\0')
            throw new UserInputException($"Fichier « {_fileName} », ligne 1 : en-tête non reconnu — séparateur de colonnes introuvable (« ; » attendu, ou « , » pour un extrait réenregistré). Vérifiez le séparateur du fichier.");
        Split(header, delimiter);
        var names = Enumerable.Range(0, _fields.Count).Select(k => Field(k).ToString().Trim().TrimStart('\uFEFF')).ToList();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < names.Count; k++) index.TryAdd(names[k], k);
        bool Has(string n) => index.ContainsKey(n);

        string generation;
        StatLevel level;
        string geoColumn;
        if (Has("classe") && Has("faits"))
        {
            generation = Generations.Ssmsi2023;
            (level, geoColumn) = Has("Code.département") ? (StatLevel.Departement, "Code.département") : (StatLevel.Region, "Code.région");
            var c = Need(index, geoColumn, "annee", "classe", "unité.de.compte", "faits", "tauxpourmille", "POP", "millPOP", "LOG", "millLOG");
            return (new SsmsiLayout(generation, level, delimiter, names.Count, names), new Columns(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]));
        }
        var codgeo = names.FirstOrDefault(n => CodGeo().IsMatch(n));
        if (codgeo is not null)
        {
            var c = Need(index, codgeo, "annee", "indicateur", "unite_de_compte", "nombre", "taux_pour_mille", "insee_pop", "insee_pop_millesime",
                "insee_log", "insee_log_millesime", "est_diffuse", "complement_info_nombre", "complement_info_taux");
            return (new SsmsiLayout(Generations.SsmsiCommunal, StatLevel.Commune, delimiter, names.Count, names),
                new Columns(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12]));
        }
        if (Has("Code_departement")) (level, geoColumn) = (StatLevel.Departement, names[index["Code_departement"]]);
        else if (Has("Code_region")) (level, geoColumn) = (StatLevel.Region, names[index["Code_region"]]);
        else
            throw new UserInputException(
                $"Fichier « {_fileName} », ligne 1 : en-tête non reconnu (colonnes lues : {string.Join(", ", names.Take(6))}…). " +
                "Attendu : une base SSMSI communale (CODGEO_<année>;annee;indicateur;…), départementale (Code_departement;…) ou régionale (Code_region;…). Vérifiez aussi le séparateur de colonnes.");
        // The June 2025 copy writes lower-case names; the January one capitalises the code column.
        generation = char.IsLower(geoColumn[0]) ? Generations.Ssmsi2025Jun : Generations.Ssmsi2025Jan;
        var d = Need(index, geoColumn, "annee", "indicateur", "unite_de_compte", "nombre", "taux_pour_mille", "insee_pop", "insee_pop_millesime", "insee_log", "insee_log_millesime");
        return (new SsmsiLayout(generation, level, delimiter, names.Count, names), new Columns(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9]));
    }

    private int[] Need(Dictionary<string, int> index, params string[] columns)
    {
        var missing = columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new UserInputException($"Fichier « {_fileName} », ligne 1 : colonne(s) obligatoire(s) absente(s) de l'en-tête : {string.Join(", ", missing.Select(m => $"« {m} »"))}.");
        return columns.Select(c => index[c]).ToArray();
    }

    // ------------------------------------------------------------------ rows

    /// <summary>Reads the next data row; false at the end of the file. Blank lines are skipped.</summary>
    public bool Read(out SsmsiRow row)
    {
        while (true)
        {
            if (!ReadLine()) { row = default; return false; }
            var line = Line;
            if (line.IsWhiteSpace()) continue;
            var count = Split(line, Layout.Delimiter);
            if (count != Layout.ColumnCount)
                throw new UserInputException(
                    $"Fichier « {_fileName} », ligne {LineNumber} : {count} colonne(s) au lieu de {Layout.ColumnCount} — ligne incomplète ou fichier tronqué, ou séparateur de colonnes différent de « {Layout.Delimiter} ».");
            row = Parse();
            return true;
        }
    }

    private SsmsiRow Parse()
    {
        var c = _c;
        var is2023 = Layout.Generation == Generations.Ssmsi2023;
        var geo = NormaliseGeo(c.Geo);
        var year = YearOf(c.Year, is2023);
        var (label, code) = Indicator();
        var unit = Unit();
        var withheld = Withheld();
        long? count = null;
        decimal? rate = null;
        decimal? estimateCount = null, estimateRate = null;
        if (withheld)
        {
            estimateCount = Decimal(c.EstimateCount);
            estimateRate = Decimal(c.EstimateRate);
        }
        else
        {
            count = Integer(c.Count) ?? throw Error(c.Count, "nombre absent (NA) alors que la valeur est diffusée.");
            rate = Decimal(c.Rate);
        }
        var disclosure = withheld ? Disclosure.Withheld : count == 0 ? Disclosure.Zero : Disclosure.Published;
        return new SsmsiRow(LineNumber, Layout.Level, geo, year, code, label, unit, disclosure, count, rate,
            Integer(c.Pop), YearOf(c.PopYear, is2023, optional: true), Decimal(c.Log), YearOf(c.LogYear, is2023, optional: true),
            estimateCount, estimateRate);
    }

    private (string Label, string Code) Indicator()
    {
        var labelText = TextSpan(_c.Label, 120);
        // ~15 distinct labels over millions of rows: resolve each once (the catalogue lookup normalises, which allocates).
        if (!_codesBySpan.TryGetValue(labelText, out var known))
        {
            var text = labelText.ToString();
            known = (text, CodeFor(Layout.Generation, text));
            _codes[text] = known;
        }
        return (known.Label, known.Code
            ?? throw Error(_c.Label, $"indicateur « {known.Label} » inconnu pour ce format de fichier ({Layout.Generation})."));
    }

    private string Unit() => Intern(TextSpan(_c.Unit, 60));

    private bool Withheld()
    {
        if (_c.Diffusion < 0) return false;
        var d = Field(_c.Diffusion).Trim();
        return d switch
        {
            "diff" => false,
            "ndiff" => true,
            _ => throw Error(_c.Diffusion, $"valeur « {Clip(d.ToString())} » inattendue (« diff » ou « ndiff » attendu)."),
        };
    }

    // ------------------------------------------------------------------ single cells (the PostgreSQL staging import)

    /// <summary>The column indexes of the detected layout (-1 for a column the generation does not have).</summary>
    internal SsmsiColumns ColumnIndexes => new(_c.Geo, _c.Year, _c.Label, _c.Unit, _c.Count, _c.Rate, _c.Pop, _c.PopYear, _c.Log, _c.LogYear,
        _c.Diffusion, _c.EstimateCount, _c.EstimateRate);

    /// <summary>
    /// What <see cref="Read"/> makes of one cell written <paramref name="raw"/> (null: no cell in that column), through
    /// the same code; false when <see cref="Read"/> would reject it. The staging import validates each distinct value of
    /// the low-cardinality columns with this, so both paths accept and convert exactly the same values.
    /// </summary>
    internal bool TryCell<T>(string? raw, Func<SsmsiReader, T> convert, out T value)
    {
        value = default!;
        raw ??= "";
        if (raw.Length > MaxLineLength) return false;
        raw.CopyTo(_chars);
        _fields.Clear();
        for (var k = 0; k < Layout.ColumnCount; k++) _fields.Add((false, 0, raw.Length));
        try
        {
            value = convert(this);
            return true;
        }
        catch (UserInputException)
        {
            return false;
        }
    }

    internal string CellGeo() => NormaliseGeo(_c.Geo);
    internal int CellYear() => YearOf(_c.Year, Layout.Generation == Generations.Ssmsi2023);
    internal int? CellPopulationYear() => YearOf(_c.PopYear, Layout.Generation == Generations.Ssmsi2023, optional: true);
    internal int? CellDwellingsYear() => YearOf(_c.LogYear, Layout.Generation == Generations.Ssmsi2023, optional: true);
    internal (string Label, string Code) CellIndicator() => Indicator();
    internal string CellUnit() => Unit();
    internal bool CellWithheld() => Withheld();

    private ReadOnlySpan<char> Field(int column)
    {
        var (unquoted, start, length) = _fields[column];
        return (unquoted ? _unquoted : _chars).AsSpan(start, length);
    }

    /// <summary>One string per distinct value in the file (geography codes, units): rows share them.</summary>
    private string Intern(ReadOnlySpan<char> value)
    {
        if (_stringsBySpan.TryGetValue(value, out var known)) return known;
        var s = value.ToString();
        _strings.Add(s);
        return s;
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private UserInputException Error(int column, string problem)
    {
        var name = Layout is null || column >= Layout.Header.Count ? $"n° {column + 1}" : Layout.Header[column];
        return new UserInputException($"Fichier « {_fileName} », ligne {LineNumber}, colonne « {name} » (n° {column + 1}) : {problem}");
    }

    private ReadOnlySpan<char> TextSpan(int column, int max)
    {
        var s = Field(column).Trim();
        if (s.Length == 0) throw Error(column, "valeur vide.");
        if (s.Length > max) throw Error(column, $"texte trop long ({s.Length} caractères, {max} au maximum).");
        return s;
    }

    private static bool IsMissing(ReadOnlySpan<char> s) => s.Length == 0 || s is "NA" or "na" or "N/A";

    /// <summary>The text with a decimal comma turned into a point (in <paramref name="buffer"/> when it has one).</summary>
    private static ReadOnlySpan<char> WithPoint(ReadOnlySpan<char> s, Span<char> buffer)
    {
        if (s.IndexOf(',') < 0 || s.Length > buffer.Length) return s;
        s.CopyTo(buffer);
        buffer = buffer[..s.Length];
        buffer.Replace(',', '.');
        return buffer;
    }

    private long? Integer(int column)
    {
        var s = Field(column).Trim();
        if (IsMissing(s)) return null;
        // pandas re-serialisations write counts as floats ("35.0").
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        if (decimal.TryParse(WithPoint(s, stackalloc char[64]), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue)
            return (long)d;
        throw Error(column, $"« {Clip(s.ToString())} » n'est pas un nombre entier.");
    }

    private decimal? Decimal(int column)
    {
        var s = Field(column).Trim();
        if (IsMissing(s)) return null;
        // Decimal comma (2023, January 2025, communal) or point (June 2025): the same number either way.
        if (decimal.TryParse(WithPoint(s, stackalloc char[64]), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var d))
            return d;
        throw Error(column, $"« {Clip(s.ToString())} » n'est pas un nombre.");
    }

    private int YearOf(int column, bool twoDigits) =>
        YearOf(column, twoDigits, optional: false) ?? throw Error(column, "année absente.");

    private int? YearOf(int column, bool twoDigits, bool optional)
    {
        var s = Field(column).Trim();
        if (optional && IsMissing(s)) return null;
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            throw Error(column, $"« {Clip(s.ToString())} » n'est pas une année.");
        // The 2023 generation writes years (and millésimes) on two digits: "16" = 2016.
        if (twoDigits && s.Length <= 2) y += 2000;
        if (y is < 1990 or > 2100) throw Error(column, $"année « {Clip(s.ToString())} » hors des bornes attendues (1990 à 2100).");
        return y;
    }

    [GeneratedRegex(@"^(\d{2}|\d{3}|2[AB])$")] private static partial Regex DepartementCode();
    [GeneratedRegex(@"^\d{2}$")] private static partial Regex RegionCode();
    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$")] private static partial Regex CommuneCode();

    private string NormaliseGeo(int column)
    {
        var field = Field(column).Trim();
        // Codes are a few ASCII characters: upper-cased and interned without allocating per row.
        if (field.Length <= 8)
        {
            Span<char> upper = stackalloc char[8];
            upper = upper[..field.ToUpperInvariant(upper)];
            // A code already seen as written is valid and normalised to the same value.
            if (_geosBySpan.TryGetValue(upper, out var known)) return known;
            var written = upper.ToString();
            var code = Intern(NormaliseGeo(column, written));
            _geos[written] = code;
            return code;
        }
        return NormaliseGeo(column, field.ToString().ToUpperInvariant());
    }

    private string NormaliseGeo(int column, string s)
    {
        switch (Layout.Level)
        {
            case StatLevel.Departement:
                if (s.Length == 1 && char.IsAsciiDigit(s[0])) s = "0" + s;
                if (!DepartementCode().IsMatch(s)) throw Error(column, $"code département « {Clip(s)} » invalide.");
                return s;
            case StatLevel.Region:
                if (s.Length == 1 && char.IsAsciiDigit(s[0])) s = "0" + s;
                if (!RegionCode().IsMatch(s)) throw Error(column, $"code région « {Clip(s)} » invalide.");
                return s;
            default:
                // Spreadsheets drop the leading zero of Ain…Ardennes communes ("1001" for 01001).
                if (s.Length == 4 && s.All(char.IsAsciiDigit)) s = "0" + s;
                if (!CommuneCode().IsMatch(s)) throw Error(column, $"code commune « {Clip(s)} » invalide (5 caractères attendus).");
                return s;
        }
    }
}

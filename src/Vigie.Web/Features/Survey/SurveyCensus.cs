using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vigie.Web.Features.Imports;
using Vigie.Web.Infrastructure.Tables;

namespace Vigie.Web.Features.Survey;

/// <summary>One line of a contract's IRIS → quartier correspondence.</summary>
public sealed record SurveyIrisLine(string Iris, string Quartier, string Name);

/// <summary>What a replacement of the IRIS → quartier correspondence did.</summary>
public sealed record SurveyIrisMappingResult(int Rows, int Added, int Changed, int Removed, int Quartiers);

/// <summary>What a census import did: the vintage read from the columns, the IRIS read, aggregated and ignored, the margins written.</summary>
public sealed record SurveyCensusResult(int Year, string Vintage, int IrisRead, int IrisMapped, int IrisIgnored, int MappedIrisMissing, int Quartiers, int Cells,
    long Population, bool Unchanged);

/// <summary>
/// The census margins of a wave (specs §2.4–2.5, issue 12 item 7): a contract's IRIS → quartier correspondence (typed
/// in, or imported as <c>iris;quartier;nom</c>), and the import of INSEE's « base-ic-evol-struct-pop » file (CSV « ; »
/// or XLSX as INSEE publishes it, read by the one table reader) aggregated through it into the wave's population by
/// quartier × sex × age band, with its vintage (RP 20aa, from the <c>P{aa}_</c> columns), file name and date. All or
/// nothing: any error, named by file, line and column in French, leaves everything as it was. Coordinators only; the
/// margins of a closed or published wave are frozen (its weights must not move).
/// </summary>
public sealed partial class SurveyCensus(AppDbContext db, ContractViewers viewers, Auditor auditor, TimeProvider clock)
{
    /// <summary>INSEE's national IRIS file is about 49 000 lines and 30 MB (CSV); its XLSX inflates to a few hundred MB.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public static readonly TableLimits Limits = new(MaxFileBytes: MaxFileBytes, MaxDecompressedBytes: 512L * 1024 * 1024, MaxRows: 60_000, MaxColumns: 400,
        MaxCellLength: 1_000, MaxErrors: 50);
    public const int MappingMax = 5_000;
    /// <summary>The age bands of the census columns, in <see cref="SurveyAgeBand"/> order.</summary>
    public static readonly string[] BandSuffixes = ["1529", "3044", "4559", "6074", "75P"];

    [GeneratedRegex(@"^(?:[0-9]{2}|2[AB])[0-9]{7}$")]
    private static partial Regex IrisCode();

    [GeneratedRegex(@"^P([0-9]{2})_", RegexOptions.IgnoreCase)]
    private static partial Regex CensusColumn();

    /// <summary>An IRIS code as INSEE writes it: trimmed, upper case, the leading zero a spreadsheet dropped put back (8 digits → 9).</summary>
    public static string NormalizeIris(string? value)
    {
        var v = (value ?? "").Trim().ToUpperInvariant();
        return v.Length == 8 && v.All(char.IsAsciiDigit) ? "0" + v : v;
    }

    /// <summary>An uploaded file's bytes (pages and API), or the French reason it cannot be read (absent, too large).</summary>
    public static async Task<(byte[] Content, string? Error)> ReadUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return ([], "Choisissez le fichier à importer (CSV « ; » ou XLSX) : aucun fichier reçu, ou un fichier vide.");
        try
        {
            await using var stream = file.OpenReadStream();
            return (await TableReader.ReadAllAsync(stream, Limits, ct), null);
        }
        catch (TableException e)
        {
            return ([], $"{Path.GetFileName(file.FileName)} : {e.Message}");
        }
    }

    /// <summary>How many IRIS the contract's correspondence holds (the wave page's note), without loading them.</summary>
    public Task<int> MappingCountAsync(Guid contractId) => db.SurveyIrisQuartiers.CountAsync(m => m.ContractId == contractId);

    public async Task<IReadOnlyList<SurveyIrisQuartier>> MappingAsync(Guid contractId) =>
        await db.SurveyIrisQuartiers.AsNoTracking().Where(m => m.ContractId == contractId).OrderBy(m => m.Quartier).ThenBy(m => m.Iris).ToListAsync();

    private async Task<CommandResult<T>?> RefuseAsync<T>(Guid contractId)
    {
        if (await viewers.ForAsync(contractId) is not { } viewer) return CommandResult<T>.Missing();
        return viewer.IsCoordinator ? null : CommandResult<T>.Denied();
    }

    /// <summary>The correspondence as typed in the page's text box (one line <c>iris;quartier;nom</c>).</summary>
    public Task<CommandResult<SurveyIrisMappingResult>> SetMappingAsync(Guid contractId, string? text) =>
        SetMappingAsync(contractId, "saisie", Encoding.UTF8.GetBytes(text ?? ""));

    /// <summary>
    /// Replaces the contract's correspondence with the lines of a CSV or XLSX table (<c>iris;quartier</c>, optional
    /// third column <c>nom</c>, optional header line): rows kept where the IRIS stays, changed where its quartier
    /// changes, added, removed; nothing at all when one line is wrong.
    /// </summary>
    public async Task<CommandResult<SurveyIrisMappingResult>> SetMappingAsync(Guid contractId, string fileName, byte[] content)
    {
        if (await RefuseAsync<SurveyIrisMappingResult>(contractId) is { } refused) return refused;
        var existing = await db.SurveyIrisQuartiers.Where(m => m.ContractId == contractId).ToListAsync();
        var (lines, errors) = ParseMapping(fileName, content, existing.GroupBy(m => m.Quartier).ToDictionary(g => g.Key, g => g.First().QuartierName, StringComparer.Ordinal));
        if (errors.Count > 0) return Rejected<SurveyIrisMappingResult>("mapping", errors);
        int added = 0, changed = 0;
        var byIris = existing.ToDictionary(m => m.Iris, StringComparer.Ordinal);
        foreach (var l in lines)
        {
            if (byIris.Remove(l.Iris, out var row))
            {
                if (row.Quartier == l.Quartier && row.QuartierName == l.Name) continue;
                (row.Quartier, row.QuartierName) = (l.Quartier, l.Name);
                changed++;
                continue;
            }
            db.SurveyIrisQuartiers.Add(new SurveyIrisQuartier { Id = Guid.NewGuid(), ContractId = contractId, Iris = l.Iris, Quartier = l.Quartier, QuartierName = l.Name });
            added++;
        }
        db.SurveyIrisQuartiers.RemoveRange(byIris.Values);
        var result = new SurveyIrisMappingResult(lines.Count, added, changed, byIris.Count, lines.Select(l => l.Quartier).Distinct().Count());
        if (added + changed + byIris.Count > 0)
        {
            auditor.Record(AuditKinds.SurveyIrisMappingSet, nameof(SecurityContract), contractId, contractId,
                new { rows = result.Rows, added, changed, removed = result.Removed, quartiers = result.Quartiers });
            await db.SaveChangesAsync();
        }
        return CommandResult<SurveyIrisMappingResult>.Ok(result);
    }

    /// <summary>Reads <c>iris;quartier[;nom]</c> lines; a quartier's name is its first one given, else the one stored, else its code.</summary>
    public static (List<SurveyIrisLine> Lines, List<ImportLineError> Errors) ParseMapping(string fileName, byte[] content, IReadOnlyDictionary<string, string> storedNames)
    {
        var raw = new List<(int Line, string Iris, string Quartier, string Name)>();
        var errors = new List<ImportLineError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        try
        {
            var first = true;
            foreach (var row in TableReader.Rows(content, TableReader.Detect(content), Limits))
            {
                var cells = row.Cells.Select(c => c.Trim()).ToArray();
                if (cells.All(c => c.Length == 0)) continue;
                if (first && string.Equals(cells[0], "iris", StringComparison.OrdinalIgnoreCase)) { first = false; continue; }
                first = false;
                void Error(string column, string message) => errors.Add(new ImportLineError(fileName, row.Line, column, message));
                if (cells.Length < 2 || cells.Skip(3).Any(c => c.Length > 0)) { Error("iris", "2 ou 3 champs attendus : iris;quartier;nom (le nom est facultatif)."); continue; }
                var iris = NormalizeIris(cells[0]);
                var quartier = cells[1];
                var name = cells.Length > 2 ? cells[2] : "";
                var ok = true;
                if (!IrisCode().IsMatch(iris)) { Error("iris", $"code IRIS « {cells[0]} » invalide : 9 caractères, le code de la commune puis 4 chiffres (par exemple 751134901)."); ok = false; }
                else if (seen.TryGetValue(iris, out var line)) { Error("iris", $"IRIS « {iris} » en double (déjà ligne {line})."); ok = false; }
                else seen[iris] = row.Line;
                if (quartier.Length is 0 or > SurveyCommands.CodeMax) { Error("quartier", $"le code du quartier est obligatoire ({SurveyCommands.CodeMax} caractères au plus)."); ok = false; }
                if (name.Length > SurveyCommands.TitleMax) { Error("nom", $"le nom du quartier dépasse {SurveyCommands.TitleMax} caractères."); ok = false; }
                else if (ok && name.Length > 0)
                {
                    if (!names.TryGetValue(quartier, out var known)) names[quartier] = (name, row.Line);
                    else if (known.Name != name) { Error("nom", $"le quartier « {quartier} » porte déjà le nom « {known.Name} » (ligne {known.Line})."); ok = false; }
                }
                if (ok) raw.Add((row.Line, iris, quartier, name));
                if (raw.Count > MappingMax) { Error("", $"la correspondance compte plus de {MappingMax.ToString("N0", Culture.French)} IRIS."); break; }
            }
        }
        catch (TableException e)
        {
            errors.Add(new ImportLineError(fileName, 0, "", e.Message));
        }
        if (raw.Count == 0 && errors.Count == 0) errors.Add(new ImportLineError(fileName, 0, "", "aucune ligne iris;quartier : la correspondance ne peut pas être vide."));
        var lines = raw.Select(r => new SurveyIrisLine(r.Iris, r.Quartier,
            names.TryGetValue(r.Quartier, out var n) ? n.Name : storedNames.TryGetValue(r.Quartier, out var stored) ? stored : r.Quartier)).ToList();
        return (lines, errors);
    }

    /// <summary>
    /// Imports the wave's margins from INSEE's IRIS file. <paramref name="strict"/>: every IRIS of a commune the
    /// correspondence covers must be in it (else the line is refused); otherwise IRIS outside the correspondence are
    /// ignored and counted. Re-importing the same file changes nothing; a newer vintage replaces the margins.
    /// </summary>
    public async Task<CommandResult<SurveyCensusResult>> ImportAsync(Guid contractId, Guid waveId, string fileName, byte[] content, bool strict)
    {
        if (await RefuseAsync<SurveyCensusResult>(contractId) is { } refused) return refused;
        var wave = await db.SurveyWaves.SingleOrDefaultAsync(w => w.Id == waveId && w.ContractId == contractId);
        if (wave is null) return CommandResult<SurveyCensusResult>.Missing();
        if (SurveyCommands.StrataFrozenReason(wave) is { } frozen) return CommandResult<SurveyCensusResult>.Denied(frozen);
        fileName = Path.GetFileName(fileName.Trim());
        if (fileName.Length == 0) fileName = "recensement.csv";
        var mapping = await db.SurveyIrisQuartiers.AsNoTracking().Where(m => m.ContractId == contractId).ToDictionaryAsync(m => m.Iris, StringComparer.Ordinal);
        if (mapping.Count == 0)
            return CommandResult<SurveyCensusResult>.Invalid("file", "Ce contrat n'a pas encore de correspondance IRIS → quartier : saisissez-la ou importez-la avant les populations du recensement.");
        var (census, errors) = ReadCensus(fileName, content, mapping, strict);
        if (errors.Count > 0) return Rejected<SurveyCensusResult>("file", errors);

        var names = mapping.Values.GroupBy(m => m.Quartier).ToDictionary(g => g.Key, g => g.First().QuartierName, StringComparer.Ordinal);
        var cells = census!.Sums
            .Select(kv => new SurveyCommands.SurveyStratumLine(kv.Key.Quartier, names[kv.Key.Quartier], kv.Key.Sex, kv.Key.Band,
                (int)Math.Round(kv.Value, MidpointRounding.AwayFromZero)))
            .OrderBy(c => c.Quartier, StringComparer.Ordinal).ThenBy(c => c.Sex).ThenBy(c => c.Band).ToList();
        if (cells.Sum(c => (long)c.Population) == 0)
            return CommandResult<SurveyCensusResult>.Invalid("file", $"{fileName} : la population des IRIS de la correspondance est nulle (15 ans ou plus).");
        var vintage = $"RP {census.Year}";
        var stored = await db.SurveyStrata.AsNoTracking().Where(s => s.WaveId == waveId).ToListAsync();
        var sameMargins = stored.Count == cells.Count && cells.All(c => stored.Any(s =>
            s.Quartier == c.Quartier && s.QuartierName == c.Name && s.Sex == c.Sex && s.AgeBand == c.Band && s.Population == c.Population));
        var result = new SurveyCensusResult(census.Year, vintage, census.IrisRead, census.IrisMapped, census.IrisRead - census.IrisMapped,
            mapping.Count - census.IrisMapped, cells.Select(c => c.Quartier).Distinct().Count(), cells.Count, cells.Sum(c => (long)c.Population),
            sameMargins && wave.CensusVintage == vintage && wave.CensusFileName == fileName);
        if (result.Unchanged) return CommandResult<SurveyCensusResult>.Ok(result);
        if (!sameMargins && await SurveyCommands.ReplaceStrataAsync(db, wave, cells) is { } orphans) return CommandResult<SurveyCensusResult>.Invalid("file", orphans);
        (wave.CensusVintage, wave.CensusFileName, wave.CensusImportedAt) = (vintage, fileName.Length > 260 ? fileName[..260] : fileName, clock.GetUtcNow());
        auditor.Record(AuditKinds.SurveyCensusImported, nameof(SurveyWave), waveId, contractId,
            new { year = census.Year, irisMapped = result.IrisMapped, irisIgnored = result.IrisIgnored, quartiers = result.Quartiers, cells = result.Cells });
        await db.SaveChangesAsync();
        return CommandResult<SurveyCensusResult>.Ok(result);
    }

    private sealed record CensusSums(int Year, int IrisRead, int IrisMapped, Dictionary<(string Quartier, SurveySex Sex, SurveyAgeBand Band), decimal> Sums);

    /// <summary>
    /// Reads the file: the header is the first line with an <c>IRIS</c> column (INSEE's XLSX has title lines above it);
    /// the <c>P{aa}_H1529</c> … <c>P{aa}_F75P</c> columns of one single year; values with « . » or « , » decimals.
    /// Only the lines of mapped IRIS are read for their values (the national file may hold anything elsewhere).
    /// </summary>
    private static (CensusSums? Census, List<ImportLineError> Errors) ReadCensus(string fileName, byte[] content,
        IReadOnlyDictionary<string, SurveyIrisQuartier> mapping, bool strict)
    {
        var errors = new List<ImportLineError>();
        var communes = mapping.Keys.Select(i => i[..5]).ToHashSet(StringComparer.Ordinal);
        var sums = new Dictionary<(string, SurveySex, SurveyAgeBand), decimal>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int? year = null;
        int irisColumn = -1, irisRead = 0, irisMapped = 0;
        var anyLine = false;
        var columns = new List<(int Index, string Name, SurveySex Sex, SurveyAgeBand Band)>();
        try
        {
            foreach (var row in TableReader.Rows(content, TableReader.Detect(content), Limits))
            {
                if (errors.Count > Limits.MaxErrors) break;
                var cells = row.Cells;
                anyLine |= cells.Any(c => !string.IsNullOrWhiteSpace(c));
                if (irisColumn < 0)
                {
                    irisColumn = Array.FindIndex(cells, c => string.Equals(c.Trim(), "IRIS", StringComparison.OrdinalIgnoreCase));
                    if (irisColumn < 0)
                    {
                        if (row.Line >= 20) break;
                        continue;
                    }
                    year = Header(fileName, row.Line, cells, columns, errors);
                    if (errors.Count > 0) return (null, errors);
                    continue;
                }
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                var iris = NormalizeIris(irisColumn < cells.Length ? cells[irisColumn] : "");
                void Error(string column, string message) => errors.Add(new ImportLineError(fileName, row.Line, column, message));
                irisRead++;
                if (iris.Length == 0) { Error("IRIS", "le code IRIS est vide."); continue; }
                if (seen.TryGetValue(iris, out var first)) { Error("IRIS", $"IRIS « {iris} » en double (déjà ligne {first})."); continue; }
                seen[iris] = row.Line;
                if (!mapping.TryGetValue(iris, out var to))
                {
                    if (strict && iris.Length >= 5 && communes.Contains(iris[..5]))
                        Error("IRIS", $"l'IRIS « {iris} » de la commune {iris[..5]} n'est pas dans la correspondance IRIS → quartier du contrat (mode strict).");
                    continue;
                }
                irisMapped++;
                foreach (var c in columns)
                {
                    var text = c.Index < cells.Length ? cells[c.Index].Trim() : "";
                    if (!TryPopulation(text, out var value)) { Error(c.Name, text.Length == 0 ? "la population est vide." : $"« {text} » n'est pas une population (nombre positif, décimales avec « . » ou « , »)."); continue; }
                    var key = (to.Quartier, c.Sex, c.Band);
                    sums[key] = sums.GetValueOrDefault(key) + value;
                }
            }
        }
        catch (TableException e)
        {
            errors.Add(new ImportLineError(fileName, 0, "", e.Message));
            return (null, errors);
        }
        if (irisColumn < 0 && errors.Count == 0)
            errors.Add(new ImportLineError(fileName, 0, "", !anyLine
                ? "le fichier est vide."
                : "aucune colonne « IRIS » dans les 20 premières lignes : ce n'est pas un fichier « base-ic-evol-struct-pop » de l'INSEE."));
        else if (errors.Count == 0 && irisRead == 0) errors.Add(new ImportLineError(fileName, 0, "", "le fichier ne contient aucune ligne d'IRIS sous son en-tête."));
        else if (errors.Count == 0 && irisMapped == 0)
            errors.Add(new ImportLineError(fileName, 0, "", $"aucun des {irisRead.ToString("N0", Culture.French)} IRIS du fichier ne figure dans la correspondance IRIS → quartier du contrat."));
        return errors.Count > 0 ? (null, errors) : (new CensusSums(year!.Value, irisRead, irisMapped, sums), errors);
    }

    /// <summary>The header's census year (one), and the ten sex × band columns; errors name each missing column.</summary>
    private static int? Header(string fileName, int line, string[] cells, List<(int, string, SurveySex, SurveyAgeBand)> columns, List<ImportLineError> errors)
    {
        var names = cells.Select(c => c.Trim()).ToArray();
        var years = names.Select(n => CensusColumn().Match(n)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        if (years.Count == 0)
        {
            errors.Add(new ImportLineError(fileName, 0, "", "aucune colonne P{aa}_… (populations du recensement, par exemple P21_H1529) : ce n'est pas un fichier « base-ic-evol-struct-pop » de l'INSEE."));
            return null;
        }
        if (years.Count > 1)
        {
            errors.Add(new ImportLineError(fileName, 0, "", $"colonnes de plusieurs recensements ({string.Join(", ", years.Select(y => $"P{y}_…"))}) : un fichier ne doit porter qu'un millésime."));
            return null;
        }
        var yy = years[0];
        foreach (var (sex, letter) in new[] { (SurveySex.Homme, 'H'), (SurveySex.Femme, 'F') })
            for (var b = 0; b < BandSuffixes.Length; b++)
            {
                var name = $"P{yy}_{letter}{BandSuffixes[b]}";
                var index = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                if (index < 0) errors.Add(new ImportLineError(fileName, line, name, "colonne absente de l'en-tête (population par sexe et tranche d'âge)."));
                else columns.Add((index, name, sex, (SurveyAgeBand)b));
            }
        var n2 = int.Parse(yy, CultureInfo.InvariantCulture);
        return n2 < 70 ? 2000 + n2 : 1900 + n2;
    }

    /// <summary>A population as INSEE writes it at IRIS level: possibly decimal (weighted), « . » or « , », spaces as thousands separators.</summary>
    public static bool TryPopulation(string text, out decimal value)
    {
        var t = text.Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "").Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value <= 10_000_000;
    }

    /// <summary>Line errors as the French messages of one field (the first ones, then how many more).</summary>
    private static CommandResult<T> Rejected<T>(string field, List<ImportLineError> errors) =>
        CommandResult<T>.Invalid(new Dictionary<string, string[]>
        {
            [field] = [.. TableReader.CapErrors(errors, 20, m => new ImportLineError("", 0, "", m)).Select(e => e.File.Length == 0 ? e.Message : e.ToString())],
        });
}

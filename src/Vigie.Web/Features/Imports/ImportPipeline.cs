namespace Vigie.Web.Features.Imports;

/// <summary>The import kinds: one <see cref="IImportJobRunner"/> each, named by <see cref="ImportJob.Kind"/>.</summary>
public static class ImportKinds
{
    public const string Ssmsi = "ssmsi";
    public const string Etat4001 = "etat4001";
    public const string PartnerSeries = "partner-series";
    public const string Geography = "geography";
}

/// <summary>One file of an import: its name (how the importers recognise it) and how to open it.</summary>
public sealed record ImportFile(string Name, Func<Stream> Open);

/// <summary>
/// What an import reads: one file or several (the geography), uploaded (waiting in the upload folder for the worker)
/// or local (the command line). Runners never care which.
/// </summary>
public sealed record ImportSource(string DisplayName, IReadOnlyList<ImportFile> Files)
{
    /// <summary>A local file, as named on the command line.</summary>
    public static ImportSource LocalFile(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"Le fichier « {path} » est introuvable.");
        return new ImportSource(Path.GetFileName(path), [new ImportFile(Path.GetFileName(path), () => File.OpenRead(path))]);
    }

    /// <summary>The files of a local folder (all of them, or those named).</summary>
    public static ImportSource LocalFolder(string folder, IEnumerable<string>? names = null)
    {
        if (!Directory.Exists(folder)) throw new UserInputException($"Le dossier « {folder} » est introuvable.");
        var paths = names is null
            ? Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
            : names.Select(n => Path.Combine(folder, n)).Where(File.Exists);
        return new ImportSource(folder, paths.Select(p => new ImportFile(Path.GetFileName(p), () => File.OpenRead(p))).ToList());
    }

    /// <summary>The stored upload of a queued job (a file, or a folder of files); null when it is gone.</summary>
    public static ImportSource? FromJob(ImportJob job)
    {
        if (File.Exists(job.StoragePath))
            return new ImportSource(job.FileName, [new ImportFile(job.FileName, () => File.OpenRead(job.StoragePath))]);
        return Directory.Exists(job.StoragePath) ? LocalFolder(job.StoragePath) with { DisplayName = job.FileName } : null;
    }

    /// <summary>Deletes a stored upload (file or folder).</summary>
    public static void DeleteStored(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else File.Delete(path);
    }

    /// <summary>The single file of a one-file import.</summary>
    public ImportFile Single() => Files.Count == 1
        ? Files[0]
        : throw new UserInputException($"Un seul fichier est attendu ({Files.Count} fournis).");
}

/// <summary>An import to run: its source, the edition date given by the user, who asked, and the kind's own parameters.</summary>
public sealed record ImportRequest(ImportSource Source, DateOnly? Edition = null, Guid? UserId = null, IReadOnlyDictionary<string, string>? Parameters = null)
{
    public string? Parameter(string name) => Parameters is not null && Parameters.TryGetValue(name, out var v) ? v : null;

    /// <summary>An edition date given as AAAA-MM-JJ (CLI, upload pages); null when absent.</summary>
    public static DateOnly? ParseEdition(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d
            : throw new UserInputException($"La date d'édition « {value} » est invalide : format attendu AAAA-MM-JJ (par exemple 2021-01-29).");
    }
}

/// <summary>Progress of a running import: rows so far, and optionally the current step and its percentage (for progress bars).</summary>
public sealed record ImportJobProgress(long RowsRead, long RowsImported, string? Step = null, double? Percent = null)
{
    public static readonly ImportJobProgress Zero = new(0, 0);
}

/// <summary>One rejected line: file, line (1 = header), column, French message.</summary>
public sealed record ImportLineError(string File, int Line, string Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}, ligne {Line}, colonne « {Column} » : {Message}" : $"{File} : {Message}";
}

/// <summary>A file rejected line by line: nothing was saved. The message names the first errors.</summary>
public sealed class ImportRejectedException(IReadOnlyList<ImportLineError> errors)
    : UserInputException($"{errors.Count} erreur(s). " + string.Join(" ", errors.Take(5).Select(e => e.ToString())))
{
    public IReadOnlyList<ImportLineError> Errors { get; } = errors;
}

/// <summary>
/// What every import reports at the end (CLI summary, job status): rows read, imported (accepted into the database),
/// rejected, and the kind's own details as label/value lines in French.
/// </summary>
public sealed record ImportSummary(long RowsRead, long RowsImported, long RowsRejected, bool AlreadyImported, string Headline,
    IReadOnlyList<(string Label, string Value)> Details)
{
    public static string N(long n) => n.ToString("N0", Culture.French);
}

/// <summary>
/// Runs one kind of import ("ssmsi", "etat4001", "partner-series", "geography"): the background worker calls it for queued
/// uploads, the command line calls it directly with a progress bar. All or nothing: a bad file throws
/// <see cref="UserInputException"/> (French message naming file, line and column) and changes nothing.
/// </summary>
public interface IImportJobRunner
{
    string Kind { get; }
    Task<ImportSummary> RunAsync(ImportRequest request, IServiceProvider services, IProgress<ImportJobProgress> progress, CancellationToken ct);
}

/// <summary>A runner of a one-file import done by one importer service: resolves the importer and the single file, then imports.</summary>
public abstract class SingleFileJobRunner<TImporter> : IImportJobRunner where TImporter : notnull
{
    public abstract string Kind { get; }

    public Task<ImportSummary> RunAsync(ImportRequest request, IServiceProvider services, IProgress<ImportJobProgress> progress, CancellationToken ct) =>
        RunAsync(services.GetRequiredService<TImporter>(), request.Source.Single(), request, progress, ct);

    protected abstract Task<ImportSummary> RunAsync(TImporter importer, ImportFile file, ImportRequest request, IProgress<ImportJobProgress> progress, CancellationToken ct);
}

/// <summary>Progress&lt;T&gt; would post to the thread pool; consoles and the worker want updates in order, at once.</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

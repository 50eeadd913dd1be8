using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
namespace Vigie.Web.Features.Imports;

public sealed class ObservatoryOptions
{
    public const string Section = "Observatory";

    /// <summary>Where uploaded files wait for the import worker (relative to the current directory).</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Observatory:UploadFolder must be set.")]
    public string UploadFolder { get; set; } = Path.Combine("data", "uploads");

    /// <summary>How often the worker looks for queued jobs (it is also woken at once when a job is queued).</summary>
    [System.ComponentModel.DataAnnotations.Range(0.1, 3600, ErrorMessage = "Observatory:PollSeconds must be between {1} and {2}.")]
    public double PollSeconds { get; set; } = 2;

    /// <summary>A job whose lease expired (instance died) is taken over by another instance.</summary>
    [System.ComponentModel.DataAnnotations.Range(10, 86400, ErrorMessage = "Observatory:LeaseSeconds must be between {1} and {2}.")]
    public double LeaseSeconds { get; set; } = 300;

    /// <summary>Disables the background worker (e.g. a web-only instance).</summary>
    public bool RunWorker { get; set; } = true;

    public const long MaxUploadBytes = 1024L * 1024 * 1024;

    public string ResolveUploadFolder() => Path.GetFullPath(UploadFolder, Directory.GetCurrentDirectory());
}

/// <summary>
/// Progress of the jobs running in this instance, kept in memory: on SQLite the import transaction holds the
/// only write lock, so progress cannot be written to the database while it runs. PostgreSQL gets both.
/// </summary>
public sealed class ImportProgressBoard
{
    private readonly ConcurrentDictionary<Guid, ImportJobProgress> _running = new();
    public void Set(Guid id, ImportJobProgress p) => _running[id] = p;
    public void Remove(Guid id) => _running.TryRemove(id, out _);
    public ImportJobProgress? Get(Guid id) => _running.TryGetValue(id, out var p) ? p : null;
}

/// <summary>Wakes the worker when a job is queued, instead of waiting for the next poll.</summary>
public sealed class ImportJobSignal
{
    private readonly SemaphoreSlim _signal = new(0);
    public void Notify() { if (_signal.CurrentCount == 0) _signal.Release(); }
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

public sealed record ImportJobView(Guid Id, string Kind, string FileName, ImportJobStatus Status, DateOnly? Edition,
    long RowsRead, long RowsImported, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Step = null, double? Percent = null);

/// <summary>Queues uploaded files as jobs and reads job status (pages and API share it).</summary>
public sealed class ImportJobQueue(AppDbContext db, IOptions<ObservatoryOptions> options, TimeProvider clock, ImportJobSignal signal,
    ImportProgressBoard board, Auditor auditor, ICurrentUser currentUser)
{
    public const string SsmsiKind = ImportKinds.Ssmsi;

    /// <summary>Streams the upload to the upload folder, then records a queued job.</summary>
    public Task<Guid> EnqueueAsync(string kind, string fileName, Stream content, DateOnly? edition, CancellationToken ct) =>
        EnqueueAsync(kind, [new ImportFile(fileName, () => content)], edition, ct, folder: false);

    /// <summary>
    /// Copies the files to the upload folder (one file, or a folder of files for imports made of several files such as
    /// the geography), then records a queued job. The worker hands them to the kind's runner as an <see cref="ImportSource"/>.
    /// </summary>
    public async Task<Guid> EnqueueAsync(string kind, IReadOnlyList<ImportFile> files, DateOnly? edition, CancellationToken ct, bool folder = true,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        var uploads = options.Value.ResolveUploadFolder();
        Directory.CreateDirectory(uploads);
        var id = Guid.NewGuid();
        var path = Path.Combine(uploads, $"{id:N}.upload");
        try
        {
            if (folder) Directory.CreateDirectory(path);
            foreach (var f in files)
            {
                var target = folder ? Path.Combine(path, Path.GetFileName(f.Name)) : path;
                await using var content = f.Open();
                await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await content.CopyToAsync(file, ct);
            }
        }
        catch
        {
            ImportSource.DeleteStored(path);
            throw;
        }
        var safeName = string.Join(", ", files.Select(f => Path.GetFileName(f.Name)));
        db.ImportJobs.Add(new ImportJob
        {
            Id = id, Kind = kind, Status = ImportJobStatus.Queued, FileName = safeName.Length > 400 ? safeName[..400] : safeName,
            StoragePath = path, Edition = edition, CreatedAt = clock.GetUtcNow(), CreatedById = currentUser.Id,
            Parameters = parameters is null ? null : System.Text.Json.JsonSerializer.Serialize(parameters),
        });
        auditor.Record(AuditKinds.ImportJobQueued, nameof(ImportJob), id, data: new { kind });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            ImportSource.DeleteStored(path);
            throw;
        }
        signal.Notify();
        return id;
    }

    public async Task<ImportJobView?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var job = await db.ImportJobs.AsNoTracking().Where(j => j.Id == id).Select(Project).FirstOrDefaultAsync(ct);
        return job is null ? null : Overlay(job);
    }

    public async Task<IReadOnlyList<ImportJobView>> RecentAsync(int take = 20, CancellationToken ct = default)
    {
        // CreatedAt is stored as UTC ticks on SQLite, so the ordering is translated on both providers.
        var jobs = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(take).Select(Project).ToListAsync(ct);
        return jobs.Select(Overlay).ToList();
    }

    private static readonly System.Linq.Expressions.Expression<Func<ImportJob, ImportJobView>> Project = j =>
        new ImportJobView(j.Id, j.Kind, j.FileName, j.Status, j.Edition, j.RowsRead, j.RowsImported, j.Error, j.CreatedAt, j.StartedAt, j.FinishedAt, null, null);

    private ImportJobView Overlay(ImportJobView j) =>
        j.Status == ImportJobStatus.Running && board.Get(j.Id) is { } p && p.RowsRead >= j.RowsRead
            ? j with { RowsRead = p.RowsRead, RowsImported = p.RowsImported, Step = p.Step, Percent = p.Percent }
            : j;
}

/// <summary>
/// The background worker: claims a queued job with a lease (a conditional UPDATE, so several instances never
/// run the same job), runs it, records progress and the outcome, deletes the uploaded file.
/// </summary>
public sealed class ImportJobWorker(IServiceScopeFactory scopes, IOptions<ObservatoryOptions> options, TimeProvider clock,
    ImportJobSignal signal, ImportProgressBoard board, IEnumerable<IImportJobRunner> runners, ILogger<ImportJobWorker> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<string, IImportJobRunner> _runners = runners.ToDictionary(r => r.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker || _runners.Count == 0) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await TryRunOneAsync(stoppingToken)) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be migrating or unreachable: try again at the next poll.
                logger.LogWarning(e, "Import worker: polling failed");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and runs one job; false when there was nothing to do.</summary>
    public async Task<bool> TryRunOneAsync(CancellationToken ct)
    {
        var kinds = _runners.Keys.ToList();
        Guid? claimed = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow();
            var candidates = await db.ImportJobs.AsNoTracking()
                .Where(j => kinds.Contains(j.Kind) && (j.Status == ImportJobStatus.Queued || (j.Status == ImportJobStatus.Running && j.LeaseUntil < now)))
                .Select(j => new { j.Id, j.CreatedAt }).ToListAsync(ct);
            foreach (var c in candidates.OrderBy(c => c.CreatedAt))
            {
                var until = now.AddSeconds(options.Value.LeaseSeconds);
                var n = await db.ImportJobs
                    .Where(j => j.Id == c.Id && (j.Status == ImportJobStatus.Queued || (j.Status == ImportJobStatus.Running && j.LeaseUntil < now)))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(j => j.Status, ImportJobStatus.Running)
                        .SetProperty(j => j.LeaseOwner, _owner)
                        .SetProperty(j => j.LeaseUntil, until)
                        .SetProperty(j => j.StartedAt, now)
                        .SetProperty(j => j.RowsRead, 0L)
                        .SetProperty(j => j.RowsImported, 0L), ct);
                if (n == 1) { claimed = c.Id; break; }
            }
        }
        if (claimed is not { } id) return false;
        await RunAsync(id, ct);
        return true;
    }

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        ImportJob job;
        bool isSqlite;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct);
            isSqlite = db.Database.IsSqlite();
        }
        var last = ImportJobProgress.Zero;
        ImportSummary? summary = null;
        var lastSaved = DateTimeOffset.MinValue;
        var progress = new SyncProgress<ImportJobProgress>(p =>
        {
            last = p;
            board.Set(id, p);
            // PostgreSQL: persist progress and renew the lease from a separate short context, outside the
            // import transaction, so other instances can report it. SQLite: one writer at a time — memory only.
            if (isSqlite || clock.GetUtcNow() - lastSaved < TimeSpan.FromSeconds(1)) return;
            lastSaved = clock.GetUtcNow();
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var until = clock.GetUtcNow().AddSeconds(options.Value.LeaseSeconds);
            db.ImportJobs.Where(j => j.Id == id && j.LeaseOwner == _owner)
                .ExecuteUpdate(s => s.SetProperty(j => j.RowsRead, p.RowsRead).SetProperty(j => j.RowsImported, p.RowsImported).SetProperty(j => j.LeaseUntil, until));
        });

        string? error = null;
        try
        {
            var source = ImportSource.FromJob(job)
                ?? throw new UserInputException($"Le fichier déposé « {job.FileName} » est introuvable sur le serveur ; déposez-le à nouveau.");
            await using var scope = scopes.CreateAsyncScope();
            summary = await _runners[job.Kind].RunAsync(new ImportRequest(source, job.Edition, job.CreatedById,
                job.Parameters is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(job.Parameters)), scope.ServiceProvider, progress, ct);
            last = new ImportJobProgress(summary.RowsRead, summary.RowsImported);
        }
        catch (UserInputException e)
        {
            error = "Import annulé, aucune donnée n'a été modifiée. " + e.Message;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease expires and another start takes the job again.
            board.Remove(id);
            return;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import job {JobId} failed", id);
            error = "Import annulé, aucune donnée n'a été modifiée : erreur inattendue lors de l'enregistrement (consignée dans le journal du serveur).";
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow();
            var status = error is null ? ImportJobStatus.Succeeded : ImportJobStatus.Failed;
            var message = error is { Length: > 4000 } ? error[..4000] : error;
            await db.ImportJobs.Where(j => j.Id == id && j.LeaseOwner == _owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, status)
                    .SetProperty(j => j.Error, message)
                    .SetProperty(j => j.RowsRead, last.RowsRead)
                    .SetProperty(j => j.RowsImported, error is null ? last.RowsImported : 0L)
                    .SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        board.Remove(id);
        try { ImportSource.DeleteStored(job.StoragePath); } catch (IOException e) { logger.LogWarning(e, "Import job {JobId}: could not delete the uploaded file", id); }
    }
}

public static class ImportsRegistration
{
    /// <summary>The import pipeline: job queue, progress board and the background worker; each kind registers its <see cref="IImportJobRunner"/>.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservatoryOptions>().Bind(configuration.GetSection(ObservatoryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ImportJobQueue>();
        services.AddSingleton<ImportProgressBoard>();
        services.AddSingleton<ImportJobSignal>();
        services.AddHostedService<ImportJobWorker>();
        return services;
    }
}

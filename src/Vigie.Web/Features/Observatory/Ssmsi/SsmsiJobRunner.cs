using Vigie.Web.Features.Observatory.Imports;

namespace Vigie.Web.Features.Observatory.Ssmsi;

/// <summary>The SSMSI runner of the background worker.</summary>
public sealed class SsmsiJobRunner : IImportJobRunner
{
    public string Kind => ImportJobQueue.SsmsiKind;

    public async Task RunAsync(ImportJob job, IServiceProvider services, IProgress<ImportJobProgress> progress, CancellationToken ct)
    {
        var importer = services.GetRequiredService<SsmsiImporter>();
        var result = await importer.ImportAsync(new SsmsiSource(job.FileName, () => File.OpenRead(job.StoragePath)), job.Edition,
            new Relay(p => progress.Report(new ImportJobProgress(p.RowsRead, p.RowsImported))), ct, job.CreatedById);
        if (!result.AlreadyImported) progress.Report(new ImportJobProgress(result.Rows, result.Rows));
    }

    private sealed class Relay(Action<SsmsiProgress> report) : IProgress<SsmsiProgress>
    {
        public void Report(SsmsiProgress value) => report(value);
    }
}

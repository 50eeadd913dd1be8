using System.CommandLine;
using Vigie.Web.Cli;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory.Ssmsi;

/// <summary>The SSMSI import (queued upload or CLI <c>import ssmsi &lt;fichier&gt; [--edition AAAA-MM-JJ]</c>).</summary>
public sealed class SsmsiJobRunner : SingleFileJobRunner<SsmsiImporter>
{
    public override string Kind => ImportKinds.Ssmsi;

    protected override async Task<ImportSummary> RunAsync(SsmsiImporter importer, ImportFile file, ImportRequest request, IProgress<ImportJobProgress> progress, CancellationToken ct)
    {
        var r = await importer.ImportAsync(new SsmsiSource(file.Name, file.Open), request.Edition,
            new SyncProgress<SsmsiProgress>(p => progress.Report(new ImportJobProgress(p.RowsRead, p.RowsImported, file.Name,
                p.TotalBytes > 0 ? 100.0 * p.BytesRead / p.TotalBytes : null))), ct, request.UserId);
        var edition = Culture.Date(r.Edition);
        if (r.AlreadyImported)
            return new ImportSummary(0, 0, 0, true, $"Déjà importé : ce fichier fait déjà partie de l'édition du {edition} ; rien n'a changé.", []);
        progress.Report(new ImportJobProgress(r.Rows, r.Rows));
        string N(long n) => ImportSummary.N(n);
        return new ImportSummary(r.Rows, r.Rows, 0, false, $"Édition du {edition}",
        [
            ("Format détecté", r.Schema),
            ("Niveau", r.Level switch { StatLevel.Commune => "communes", StatLevel.Departement => "départements", _ => "régions" }),
            ("Indicateurs", N(r.Indicators)),
            ("Années", r.FirstYear is null ? "0" : $"{r.Years} ({r.FirstYear}–{r.LastYear})"),
            ("Territoires", N(r.Geographies)),
            ("Cellules sous secret statistique", N(r.Withheld)),
            ("Lecture et écriture des lignes", $"{r.RowsDuration.TotalSeconds.ToString("0.00", Culture.French)} s ({N((long)(r.Rows / Math.Max(0.001, r.RowsDuration.TotalSeconds)))} lignes/s)"),
            ("Chargement", r.Staged ? "COPY dans une table temporaire, conversion en SQL" : "ligne à ligne"),
        ]);
    }

    /// <summary>CLI verb <c>import ssmsi</c>.</summary>
    public static Command Command(CliHost host) => ImportCommand.Create(host, ImportKinds.Ssmsi, "ssmsi",
        "Importe une base statistique SSMSI de la délinquance enregistrée.",
        ImportCommand.FileArgument("Fichier CSV de la base SSMSI (communale, départementale ou régionale)."),
        ImportCommand.EditionOption("Date de production de l'édition (AAAA-MM-JJ), si le nom du fichier ne contient pas « produit-le… »."));
}

using System.CommandLine;
using Vigie.Web.Cli;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory.Etat4001;

/// <summary>The état 4001 import (queued upload or CLI <c>import etat4001 &lt;fichier&gt; [--edition AAAA-MM-JJ]</c>).</summary>
public sealed class Etat4001JobRunner : SingleFileJobRunner<Etat4001Importer>
{
    public override string Kind => ImportKinds.Etat4001;

    protected override async Task<ImportSummary> RunAsync(Etat4001Importer importer, ImportFile file, ImportRequest request, IProgress<ImportJobProgress> progress, CancellationToken ct)
    {
        await using var stream = file.Open();
        var r = await importer.ImportAsync(file.Name, stream, request.Edition,
            new SyncProgress<Etat4001Progress>(p => progress.Report(new ImportJobProgress(0, 0, p.Step, p.Percent))), ct, request.UserId);
        string N(long n) => ImportSummary.N(n);
        if (r.AlreadyImported)
            return new ImportSummary(r.Cells, 0, 0, true, $"Ce classeur a déjà été importé (édition du {Culture.Date(r.Edition)}) : rien n'a changé.", []);
        var written = r.ServiceYears + r.NonZeroCounts;
        progress.Report(new ImportJobProgress(r.Cells, written));
        return new ImportSummary(r.Cells, written, 0, false, $"État 4001 importé : édition du {Culture.Date(r.Edition)}",
        [
            ("Feuilles", N(r.Sheets)),
            ("Services (dont nouveaux)", $"{N(r.Services)} ({N(r.NewServices)})"),
            ("Colonnes service × année", N(r.ServiceYears)),
            ("Comptes non nuls enregistrés", N(r.NonZeroCounts)),
            ("Services rattachés à une commune", N(r.Matched)),
            ("Services non rattachés", N(r.Unmatched)),
        ]);
    }

    /// <summary>CLI verb <c>import etat4001</c>.</summary>
    public static Command Command(CliHost host) => ImportCommand.Create(host, ImportKinds.Etat4001, "etat4001",
        "Importe l'état 4001 par service de police et de gendarmerie.",
        ImportCommand.FileArgument("Classeur état 4001 par service (.xlsx)."),
        ImportCommand.EditionOption("Date de production de l'édition (AAAA-MM-JJ) ; défaut : date de dernière modification du classeur."));
}

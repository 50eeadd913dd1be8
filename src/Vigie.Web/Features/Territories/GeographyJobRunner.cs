using System.CommandLine;
using Microsoft.Extensions.Options;
using Vigie.Web.Cli;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Territories;

/// <summary>The geography import (queued from the admin page, or CLI <c>import geo [dossier] [--folder …]</c>).</summary>
public sealed class GeographyJobRunner : IImportJobRunner
{
    public string Kind => ImportKinds.Geography;

    public async Task<ImportSummary> RunAsync(ImportRequest request, IServiceProvider services, IProgress<ImportJobProgress> progress, CancellationToken ct)
    {
        var importer = services.GetRequiredService<GeographyImporter>();
        var r = await importer.ImportAsync(request.Source.Files,
            new SyncProgress<GeographyProgress>(p => progress.Report(new ImportJobProgress(0, 0, p.Step, p.Percent))), ct, request.UserId);
        long read = r.FileCounts.Values.Sum();
        long accepted = r.Inserted + r.Updated + r.Unchanged;
        progress.Report(new ImportJobProgress(read, accepted));
        string N(long n) => ImportSummary.N(n);
        string S(TimeSpan t) => $"{t.TotalSeconds.ToString("0.00", Culture.French)} s";
        var details = r.FileCounts.OrderBy(c => c.Key).Select(c => (Shared.Labels.TerritoryKind(c.Key), N(c.Value))).ToList();
        details.AddRange([("Ajoutés", N(r.Inserted)), ("Modifiés", N(r.Updated)), ("Inchangés", N(r.Unchanged)), ("Absents des fichiers (conservés)", N(r.Absent))]);
        details.AddRange(r.StepTimes.Select(t => ($"Durée : {t.Step}", S(t.Time))));
        details.AddRange([("Lecture", S(r.ReadTime)), ("Enregistrement", S(r.WriteTime))]);
        return new ImportSummary(read, accepted, 0, r.Inserted + r.Updated == 0,
            $"Géographie importée : {N(r.Inserted)} ajout(s), {N(r.Updated)} modification(s), {N(r.Unchanged)} inchangé(s), {N(r.Absent)} absent(s) des fichiers conservé(s).",
            details);
    }

    /// <summary>CLI verb <c>import geo</c>: the folder argument, else <c>--folder</c>, else <c>Geography:SourceFolder</c> (default ../shared/data/insee).</summary>
    public static Command Command(CliHost host)
    {
        var folderArgument = new Argument<string?>("dossier") { Description = "Dossier des fichiers INSEE/DGCL (défaut : --folder, puis Geography:SourceFolder, puis ../shared/data/insee s'il existe).", Arity = ArgumentArity.ZeroOrOne };
        var folderOption = new Option<string?>("--folder") { Description = "Dossier des fichiers INSEE/DGCL (même effet que l'argument)." };
        return ImportCommand.Create(host, ImportKinds.Geography, "geo", "Importe la géographie officielle (INSEE, DGCL).", [folderArgument, folderOption],
            (p, sp) =>
            {
                var folder = p.GetValue(folderArgument) ?? p.GetValue(folderOption) ?? sp.GetRequiredService<IOptions<GeographyOptions>>().Value.ResolveFolder()
                    ?? throw new UserInputException("Aucun dossier indiqué (argument ou --folder), Geography:SourceFolder n'est pas défini et ../shared/data/insee est introuvable.");
                return new ImportRequest(ImportSource.LocalFolder(folder, GeographyImporter.KnownFiles) with { DisplayName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) });
            });
    }
}

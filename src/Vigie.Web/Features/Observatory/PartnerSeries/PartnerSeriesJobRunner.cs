using System.CommandLine;
using Vigie.Web.Cli;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Observatory.PartnerSeries;

/// <summary>
/// The partner series import through the pipeline (CLI <c>import series &lt;fichier&gt; --contract … --organisation …</c>).
/// Parameters "contract" and "organisation" name the series' owner. The contract pages and API call
/// <see cref="PartnerSeriesImporter"/> directly and show the line errors in their answer.
/// </summary>
public sealed class PartnerSeriesJobRunner : SingleFileJobRunner<PartnerSeriesImporter>
{
    public const string ContractParameter = "contract";
    public const string OrganisationParameter = "organisation";

    public override string Kind => ImportKinds.PartnerSeries;

    protected override async Task<ImportSummary> RunAsync(PartnerSeriesImporter importer, ImportFile file, ImportRequest request, IProgress<ImportJobProgress> progress, CancellationToken ct)
    {
        Guid Id(string name) => Guid.TryParse(request.Parameter(name), out var id)
            ? id : throw new UserInputException($"L'identifiant « {name} » est absent ou invalide.");
        var contract = Id(ContractParameter);
        var organisation = Id(OrganisationParameter);
        progress.Report(new ImportJobProgress(0, 0, file.Name, 0));
        await using var stream = file.Open();
        var r = await importer.ImportAsync(contract, organisation, stream, ct);
        if (!r.Succeeded)
            throw new ImportRejectedException(r.Errors.Select(e => new ImportLineError(file.Name, e.Line, e.Column, e.Message)).ToList());
        var accepted = r.Inserted + r.Updated + r.Unchanged;
        progress.Report(new ImportJobProgress(r.Lines, accepted, file.Name, 100));
        string N(long n) => ImportSummary.N(n);
        var unchanged = r.Inserted + r.Updated + r.SeriesCreated == 0;
        return new ImportSummary(r.Lines, accepted, 0, unchanged,
            unchanged ? "Séries partenaires déjà à jour : rien n'a changé." : "Séries partenaires importées",
        [
            ("Séries créées", N(r.SeriesCreated)),
            ("Valeurs ajoutées", N(r.Inserted)),
            ("Valeurs modifiées", N(r.Updated)),
            ("Valeurs inchangées", N(r.Unchanged)),
        ]);
    }

    /// <summary>CLI verb <c>import series</c>.</summary>
    public static Command Command(CliHost host)
    {
        var file = ImportCommand.FileArgument("Fichier CSV ou XLSX au format du modèle (docs/partner-series-template.md).");
        var contract = new Option<Guid>("--contract") { Description = "Identifiant du contrat.", Required = true };
        var organisation = new Option<Guid>("--organisation") { Description = "Identifiant de l'organisation partenaire propriétaire des séries.", Required = true };
        return ImportCommand.Create(host, ImportKinds.PartnerSeries, "series", "Importe des séries de données d'un partenaire (CSV ou XLSX).",
            [file, contract, organisation],
            (p, _) => new ImportRequest(ImportSource.LocalFile(p.GetValue(file)!), Parameters: new Dictionary<string, string>
            {
                [ContractParameter] = p.GetValue(contract).ToString(),
                [OrganisationParameter] = p.GetValue(organisation).ToString(),
            }));
    }
}

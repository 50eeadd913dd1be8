using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// Survey responses through the import pipeline: the wave page queues the upload (parameter "wave"), the worker runs
/// <see cref="SurveyImporter"/>; line errors come back as <see cref="ImportRejectedException"/> and nothing is saved.
/// </summary>
public sealed class SurveyJobRunner : IImportJobRunner
{
    public const string ImportKind = "survey-responses";
    public const string WaveParameter = "wave";

    public string Kind => ImportKind;

    public async Task<ImportSummary> RunAsync(ImportRequest request, IServiceProvider services, IProgress<ImportJobProgress> progress, CancellationToken ct)
    {
        if (!Guid.TryParse(request.Parameter(WaveParameter), out var waveId))
            throw new UserInputException("La vague d'enquête de l'import est absente ou invalide.");
        var file = request.Source.Single();
        progress.Report(new ImportJobProgress(0, 0, file.Name, 0));
        await using var stream = file.Open();
        var r = await services.GetRequiredService<SurveyImporter>().ImportAsync(waveId, file.Name, stream, progress, ct);
        string N(long n) => ImportSummary.N(n);
        var unchanged = r.Inserted + r.Updated == 0;
        return new ImportSummary(r.Lines, r.Inserted + r.Updated + r.Unchanged, 0, unchanged,
            unchanged ? "Réponses déjà importées : rien n'a changé." : "Réponses importées",
        [
            ("Réponses ajoutées", N(r.Inserted)),
            ("Réponses modifiées", N(r.Updated)),
            ("Réponses inchangées", N(r.Unchanged)),
            ("Incomplètes (moins de 80 % des items, exclues des résultats)", N(r.Incomplete)),
            ("Valeurs ignorées (filtre non respecté)", N(r.Dropped)),
        ]);
    }
}

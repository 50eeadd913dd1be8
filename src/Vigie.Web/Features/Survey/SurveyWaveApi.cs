using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// A survey wave's lifecycle under /api/v1 (issue 12 item 9): list, create with its sampling plan, edit while draft
/// (<c>version</c>, ADR 0019), open, close, publish; and the entered responses: list, correct, delete, void. The same
/// commands, state machine and French refusals as the pages (<see cref="SurveyCommands"/>, <see cref="SurveyAgentEntry"/>).
/// </summary>
public static class SurveyWaveApi
{
    public sealed record SurveyStratumDto(string Quartier, string Name, string Sex, string AgeBand, int Population);
    public sealed record SurveyQuotaDto(string Quartier, string Name, long Population, int Quota, int Received);
    public sealed record SurveyWaveDetailDto(Guid Id, Guid SurveyId, int Number, string Code, string Title, DateOnly FieldStart, DateOnly FieldEnd, string Status,
        bool Online, string? AnswerPage, DateTimeOffset? PublishedAt, int PlannedSize, string? CensusVintage, int Version, int Responses, int Incomplete,
        int OnlineResponses, int Voided, IReadOnlyList<SurveyStratumDto> Strata, IReadOnlyList<SurveyQuotaDto> Quotas);
    public sealed record SurveyStrataSetDto(int Cells);
    public sealed record SurveyResponseItemDto(Guid Id, string RespId, string Source, string Mode, DateOnly CollectedOn, string Quartier, bool Incomplete,
        DateTimeOffset RecordedAt, bool Mine, bool Voided, string? VoidReason, int Version);

    /// <summary>A wave: the <c>vague</c> code (e.g. 2026-T0), its title, field period, planned interviews, census vintage; strata optional on creation.</summary>
    public sealed class SurveyWaveInputDto
    {
        public string? Code { get; init; }
        public string? Title { get; init; }
        public DateOnly? FieldStart { get; init; }
        public DateOnly? FieldEnd { get; init; }
        public int? PlannedSize { get; init; }
        public string? CensusVintage { get; init; }
        /// <summary>The version read (edits only): a stale one answers 409 and changes nothing.</summary>
        public int? Version { get; init; }
        /// <summary>On creation only: the sampling plan (see <see cref="SurveyStrataInputDto"/>).</summary>
        public SurveyStrataInputDto? Plan { get; init; }
    }

    /// <summary>
    /// The sampling plan: population per quartier × sex (F, H) × age band (15-29, 30-44, 45-59, 60-74, 75+), entered or
    /// aggregated from the INSEE IRIS census; its vintage; the total population it must add up to, when given.
    /// </summary>
    public sealed class SurveyStrataInputDto
    {
        public List<SurveyStratumDto>? Cells { get; init; }
        public string? CensusVintage { get; init; }
        public long? PopulationTotal { get; init; }
    }

    public sealed class SurveyOpenInput
    {
        /// <summary>True: with a public answer page (anonymous, one response per device).</summary>
        public bool Online { get; init; }
    }

    public sealed class SurveyVoidInput
    {
        public string? Reason { get; init; }
        /// <summary>The response's version read from the list (ADR 0019): a stale one answers 409 and voids nothing.</summary>
        public int? Version { get; init; }
    }

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/surveys/{surveyId:guid}/waves", List).WithSummary("Vagues d'une enquête (T0, T1 …) avec leur état et leur nombre de réponses.");
        g.MapPost("/surveys/{surveyId:guid}/waves", Create)
            .WithSummary("Crée une vague : code (colonne « vague » des imports), titre, période de terrain, entretiens prévus, millésime du recensement, plan de sondage facultatif.")
            .WithDescription("Réservé aux coordinateurs. plan.cells : populations par quartier × sexe (F, H) × tranche d'âge (15-29, 30-44, 45-59, 60-74, 75+) ; "
                + "plan.populationTotal, s'il est donné, doit être égal à leur somme. Rien n'est créé en cas d'erreur.");
        g.MapGet("/survey-waves/{waveId:guid}", Get)
            .WithSummary("Une vague : état, période, plan de sondage, quotas par quartier et réponses complètes reçues, version (à renvoyer pour la modifier).");
        g.MapPut("/survey-waves/{waveId:guid}", Update)
            .WithSummary("Modifie une vague en préparation (code, titre, période, entretiens prévus, millésime).")
            .WithDescription("Réservé aux coordinateurs ; refusé (403) une fois la collecte ouverte. version : celle lue ; périmée → 409 avec les valeurs enregistrées.");
        g.MapPut("/survey-waves/{waveId:guid}/plan", SetPlan)
            .WithSummary("Remplace le plan de sondage (populations par quartier × sexe × tranche d'âge) et son millésime.")
            .WithDescription("Réservé aux coordinateurs ; refusé après publication. Les cases doivent totaliser populationTotal s'il est donné.");
        g.MapPost("/survey-waves/{waveId:guid}/open", Open)
            .WithSummary("Ouvre la collecte (online : avec la page de réponse anonyme). Il faut un questionnaire et un plan de sondage ; refusé après publication.");
        g.MapPost("/survey-waves/{waveId:guid}/close", Close).WithSummary("Clôt la collecte (la page de réponse en ligne ferme).");
        g.MapPost("/survey-waves/{waveId:guid}/publish", Publish)
            .WithSummary("Publie les résultats agrégés d'une vague close (page publique du contrat, diagnostic). Refusé tant que la collecte n'est pas close.");
        g.MapPost("/survey-waves/{waveId:guid}/unpublish", Unpublish).WithSummary("Retire la publication des résultats d'une vague.");
        g.MapGet("/survey-waves/{waveId:guid}/responses", Responses)
            .WithSummary("Réponses d'une vague (codes et états, jamais les réponses ni le texte libre), les plus récentes d'abord, 200 au plus ; respId filtre sur le début du code.")
            .WithDescription("Coordinateurs : toutes ; autres membres ayant des droits d'écriture : leurs propres saisies.");
        g.MapPut("/survey-waves/{waveId:guid}/entries/{responseId:guid}", Correct)
            .WithSummary("Corrige un questionnaire saisi (même format et mêmes règles que la saisie) tant que les résultats ne sont pas publiés.")
            .WithDescription("Son auteur, ou un coordinateur. Les réponses en ligne ou importées ne se corrigent pas. L'historique garde les items modifiés, avant et après. "
                + "version : celle lue dans la liste des réponses ; périmée → 409 avec les réponses enregistrées qui diffèrent, rien n'est modifié.");
        g.MapDelete("/survey-waves/{waveId:guid}/entries/{responseId:guid}", Delete)
            .WithSummary("Supprime un questionnaire saisi par erreur (motif facultatif : reason) tant que les résultats ne sont pas publiés ; son auteur ou un coordinateur.")
            .WithDescription("version (facultatif) : celle lue dans la liste des réponses ; périmée → 409 nommant la modification faite entre-temps, rien n'est supprimé.");
        g.MapPost("/survey-waves/{waveId:guid}/responses/{responseId:guid}/void", Void)
            .WithSummary("Annule une réponse (test, doublon) avec un motif : conservée, exclue des résultats et des quotas, comptée à part. Coordinateurs, avant publication.")
            .WithDescription("version (facultatif) : celle lue dans la liste des réponses ; périmée → 409 nommant la modification faite entre-temps, rien n'est annulé.");
    }

    private static async Task<Results<Ok<IReadOnlyList<SurveyApi.SurveyWaveDto>>, ProblemHttpResult>> List(Guid id, Guid surveyId, SurveyQueries queries)
    {
        if (await queries.SurveyAsync(id, surveyId) is null) return ApiErrors.NotFound("Cette enquête n'existe pas ou vous n'y avez pas accès.");
        return TypedResults.Ok<IReadOnlyList<SurveyApi.SurveyWaveDto>>([.. (await queries.WavesOfSurveyAsync(surveyId)).Select(SurveyApi.ToDto)]);
    }

    private static SurveyCommands.SurveyWaveInput Input(SurveyWaveInputDto i) =>
        new(i.Code, i.Title, i.FieldStart, i.FieldEnd, i.PlannedSize, i.CensusVintage, i.Version);

    /// <summary>The plan's cells as the page's lines (code;nom;sexe;tranche;population), so both go through one parser.</summary>
    private static string Lines(SurveyStrataInputDto plan) =>
        string.Join('\n', (plan.Cells ?? []).Select(c => string.Join(';', c.Quartier, c.Name, c.Sex, c.AgeBand, c.Population.ToString(CultureInfo.InvariantCulture))));

    private static async Task<Results<Created<CreatedDto>, ValidationProblem, ProblemHttpResult>> Create(Guid id, Guid surveyId, SurveyWaveInputDto input,
        SurveyCommands commands)
    {
        if (input.Plan is { } plan && SurveyCommands.CheckStrata(Lines(plan), plan.PopulationTotal) is { } planErrors)
            return CommandResult<Guid>.Invalid("plan", planErrors).ToCreated(_ => "");
        // Everything the plan could still refuse is checked before the wave is created: nothing is half-created.
        if (input.Plan?.CensusVintage?.Trim().Length > 100)
            return CommandResult<Guid>.Invalid("plan.censusVintage", "Le millésime du recensement ne doit pas dépasser 100 caractères.").ToCreated(_ => "");
        var r = await commands.CreateWaveAsync(id, surveyId, Input(input) with { CensusVintage = input.CensusVintage ?? input.Plan?.CensusVintage });
        if (r.Succeeded && input.Plan is { } p)
        {
            var set = await commands.SetStrataAsync(id, r.Value, Lines(p), p.CensusVintage, p.PopulationTotal);
            if (!set.Succeeded) return CommandResult<Guid>.Invalid(set.Errors).ToCreated(_ => "");
        }
        return r.ToCreated(w => $"/api/v1/contracts/{id}/survey-waves/{w}");
    }

    private static async Task<Results<Ok<SurveyWaveDetailDto>, ProblemHttpResult>> Get(Guid id, Guid waveId, SurveyQueries queries, PublicLinks links)
    {
        if (await queries.WaveAsync(id, waveId) is not { } d) return ApiErrors.NotFound("Cette vague n'existe pas ou vous n'y avez pas accès.");
        var w = d.Wave;
        var received = await queries.CompleteByQuartierAsync(waveId);
        return TypedResults.Ok(new SurveyWaveDetailDto(w.Id, w.SurveyId, w.Number, w.Code, w.Title, w.FieldStart, w.FieldEnd, w.Status.ToString(), w.OnlineCode is not null,
            w.OnlineCode is null ? null : links.ToPage("/Survey/Answer", new { code = w.OnlineCode }), w.PublishedAt, w.PlannedSize, w.CensusVintage, w.Version,
            d.Responses, d.Incomplete, d.Online, d.Voided,
            [.. d.Strata.Select(s => new SurveyStratumDto(s.Quartier, s.QuartierName, SurveyLabels.Sex(s.Sex), SurveyLabels.Band(s.AgeBand), s.Population))],
            [.. SurveyQuotas.Of(d).Select(q => new SurveyQuotaDto(q.Code, q.Name, q.Population, q.Quota, received.GetValueOrDefault(q.Code)))]));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Update(Guid id, Guid waveId, SurveyWaveInputDto input, SurveyCommands commands) =>
        (await commands.UpdateWaveAsync(id, waveId, Input(input))).ToNoContent();

    private static async Task<Results<Ok<SurveyStrataSetDto>, ValidationProblem, ProblemHttpResult>> SetPlan(Guid id, Guid waveId, SurveyStrataInputDto input,
        SurveyCommands commands) =>
        (await commands.SetStrataAsync(id, waveId, Lines(input), input.CensusVintage, input.PopulationTotal)).ToOk(n => new SurveyStrataSetDto(n));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Open(Guid id, Guid waveId, SurveyOpenInput? input, SurveyCommands commands) =>
        (await commands.OpenAsync(id, waveId, input?.Online ?? false)).ToNoContent();

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Close(Guid id, Guid waveId, SurveyCommands commands) =>
        (await commands.CloseAsync(id, waveId)).ToNoContent();

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Publish(Guid id, Guid waveId, SurveyCommands commands, TimeProvider clock) =>
        (await commands.PublishAsync(id, waveId, true, clock.GetUtcNow())).ToNoContent();

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unpublish(Guid id, Guid waveId, SurveyCommands commands, TimeProvider clock) =>
        (await commands.PublishAsync(id, waveId, false, clock.GetUtcNow())).ToNoContent();

    private static async Task<Results<Ok<IReadOnlyList<SurveyResponseItemDto>>, ProblemHttpResult>> Responses(Guid id, Guid waveId, string? respId,
        SurveyQueries queries, ContractViewers viewers)
    {
        if (await viewers.ForAsync(id) is not { } viewer || await queries.WaveAsync(id, waveId) is null)
            return ApiErrors.NotFound("Cette vague n'existe pas ou vous n'y avez pas accès.");
        if (!viewer.AtLeast(ContractRole.PartnerMember)) return ApiErrors.Forbidden("La liste des réponses est réservée aux membres du contrat qui ont des droits d'écriture.");
        return TypedResults.Ok<IReadOnlyList<SurveyResponseItemDto>>([.. (await queries.ResponsesAsync(waveId, viewer, respId)).Select(r => new SurveyResponseItemDto(
            r.Id, r.RespId, r.Source.ToString(), r.Mode.ToString(), r.CollectedOn, r.Quartier, r.Incomplete, r.RecordedAt, r.Mine, r.VoidedAt is not null, r.VoidReason,
            r.Version))]);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Correct(Guid id, Guid waveId, Guid responseId, SurveyApi.SurveyEntryInput input,
        SurveyAgentEntry entry)
    {
        var values = SurveyApi.EntryValues(input);
        return (await entry.CorrectAsync(id, waveId, responseId, input.Mode, input.CollectedOn, code => values.GetValueOrDefault(code), values.Keys, input.Version))
            .ToNoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Guid waveId, Guid responseId, string? reason, int? version,
        SurveyAgentEntry entry) =>
        (await entry.DeleteAsync(id, waveId, responseId, reason, version)).ToNoContent();

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Void(Guid id, Guid waveId, Guid responseId, SurveyVoidInput input,
        SurveyAgentEntry entry) =>
        (await entry.VoidAsync(id, waveId, responseId, input.Reason, input.Version)).ToNoContent();
}

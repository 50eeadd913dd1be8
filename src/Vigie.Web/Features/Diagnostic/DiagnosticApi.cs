using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigie.Web.Features.Observatory;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>Diagnostics, their sections, findings, sources, versions and drafts under /api/v1 (issue 12).</summary>
public static class DiagnosticApi
{
    private const string Missing = "Ce contrat ou ce diagnostic n'existe pas, ou vous n'y avez pas accès.";

    public sealed record DiagnosticSummaryDto(Guid Id, string Title, Guid? AreaId, string? Area, int LastVersion, bool Published);

    public sealed record DiagnosticSectionDto(Guid Id, string Kind, string? Axis, Guid? OrganisationId, string? Organisation, string Title, string? Body,
        string Status, string Visibility, string? Author);

    public sealed record DiagnosticFindingDto(Guid Id, Guid? SectionId, string? Axis, string Text, string Visibility, IReadOnlyList<Guid> PlanItemIds);

    public sealed record DiagnosticSourceDto(Guid Id, string Kind, string Title, DateOnly? Date, Guid? MeetingId, bool HasFile, string? Edition, string? Notes);

    public sealed record DiagnosticVersionDto(int Number, bool IsValidated, string Sha256, DateTimeOffset FrozenAt, bool Published);

    public sealed record DiagnosticPlanItemDto(Guid Id, string Reference, string Title);

    public sealed record DiagnosticDto(Guid Id, string Title, Guid? AreaId, string? Area, IReadOnlyList<DiagnosticSectionDto> Sections,
        IReadOnlyList<DiagnosticFindingDto> Findings, IReadOnlyList<DiagnosticSourceDto> Sources, IReadOnlyList<DiagnosticFigureTable> Figures,
        IReadOnlyList<Shared.SurveyWaveSummary> Surveys, IReadOnlyList<DiagnosticVersionDto> Versions,
        IReadOnlyList<Guid> UnansweredFindingIds, IReadOnlyList<DiagnosticPlanItemDto> UnjustifiedPriorities);

    public sealed record DiagnosticVersionContentDto(int Number, bool IsValidated, string Sha256, DateTimeOffset FrozenAt, bool Published, DiagnosticContent Content);

    public sealed record DiagnosticDraftDto(string Sha256, DiagnosticContent Content);

    public sealed class DiagnosticInput : IValidatableInput
    {
        /// <summary>A sub-area of the contract; empty for the whole contract territory.</summary>
        public Guid? AreaId { get; init; }
        [StringLength(DiagnosticCommands.TitleMax, ErrorMessage = "Le titre ne doit pas dépasser 300 caractères.")]
        public string? Title { get; init; }
    }

    public sealed class DiagnosticSectionInput : IValidatableInput
    {
        [StringLength(DiagnosticCommands.TitleMax, ErrorMessage = "Le titre ne doit pas dépasser 300 caractères.")]
        public string? Title { get; init; }
        /// <summary>Markdown.</summary>
        public string? Body { get; init; }
    }

    public sealed class DiagnosticStatusInput : IValidatableInput
    {
        [Required(ErrorMessage = "L'état (Draft, ToReview ou Validated) est obligatoire.")]
        public string? Status { get; init; }
    }

    public sealed class DiagnosticVisibilityInput : IValidatableInput
    {
        [Required(ErrorMessage = "La visibilité (Public ou Members) est obligatoire.")]
        public string? Visibility { get; init; }
    }

    public sealed class DiagnosticFindingInput : IValidatableInput
    {
        public Guid? SectionId { get; init; }
        /// <summary>Prevention, Dissuasion, Sanction or Reparation (the section's axis by default).</summary>
        public string? Axis { get; init; }
        [Required(ErrorMessage = "Le constat est obligatoire.")]
        public string? Text { get; init; }
    }

    public sealed class DiagnosticSourceInput : IValidatableInput
    {
        [Required(ErrorMessage = "Le type de source est obligatoire.")]
        public string? Kind { get; init; }
        public string? Title { get; init; }
        public DateOnly? Date { get; init; }
        public Guid? MeetingId { get; init; }
        public string? Edition { get; init; }
        public string? Notes { get; init; }
    }

    public sealed class DiagnosticPublicationInput : IValidatableInput
    {
        /// <summary>The validated version to publish; null to withdraw the publication.</summary>
        public int? Version { get; init; }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}").RequireContract(ContractRole.Reader).WithTags("Diagnostic");

        g.MapGet("/diagnostics", async (Guid id, DiagnosticQueries q) =>
            TypedResults.Ok((await q.ListAsync(id)).Select(d => new DiagnosticSummaryDto(d.Id, d.Title, d.AreaId, d.Area, d.LastVersion, d.Published)).ToList()))
            .WithSummary("Diagnostics locaux de sécurité du contrat (territoire entier et secteurs).");

        g.MapPost("/diagnostics", async (Guid id, DiagnosticInput input, DiagnosticCommands c) =>
            (await c.CreateAsync(id, input.AreaId, input.Title)).ToCreated(d => $"/api/v1/contracts/{id}/diagnostics/{d}"))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Crée le diagnostic du contrat ou d'un secteur, avec ses sections statistiques générées (coordination).");

        g.MapGet("/diagnostics/draft", async Task<Results<Ok<DiagnosticDraftDto>, ProblemHttpResult>> (Guid id, Guid? areaId, DiagnosticDrafts drafts) =>
            await drafts.ForContractAsync(id, areaId) is { } d ? TypedResults.Ok(new DiagnosticDraftDto(d.Sha256, d.Content)) : ApiErrors.NotFound(Missing))
            .WithSummary("Brouillon généré pour le territoire du contrat (ou un secteur, areaId) : mêmes données, même contenu, même empreinte SHA-256.");

        g.MapGet("/diagnostics/{diagnosticId:guid}", async Task<Results<Ok<DiagnosticDto>, ProblemHttpResult>> (Guid id, Guid diagnosticId, DiagnosticQueries q) =>
            await q.DetailAsync(id, diagnosticId) is { } d ? TypedResults.Ok(ToDto(d)) : ApiErrors.NotFound(Missing))
            .WithSummary("Le diagnostic en cours : sections, constats, sources, chiffres lus maintenant, versions, constats sans priorité et priorités sans constat.");

        g.MapPut("/diagnostics/{diagnosticId:guid}/sections/{sectionId:guid}", async (Guid id, Guid diagnosticId, Guid sectionId, DiagnosticSectionInput input, DiagnosticCommands c) =>
            (await c.WriteSectionAsync(id, diagnosticId, sectionId, input.Title, input.Body)).ToNoContent())
            .RequireContract(ContractRole.PartnerMember)
            .WithSummary("Rédige une section (Markdown) : la coordination partout, un partenaire seulement la contribution de son organisation.");

        g.MapPut("/diagnostics/{diagnosticId:guid}/sections/{sectionId:guid}/status", async (Guid id, Guid diagnosticId, Guid sectionId, DiagnosticStatusInput input, DiagnosticCommands c) =>
            (await c.SetStatusAsync(id, diagnosticId, sectionId, input.Status)).ToNoContent())
            .RequireContract(ContractRole.PartnerMember)
            .WithSummary("Change l'état d'une section : brouillon, à relire (ses rédacteurs), validé (coordination).");

        g.MapPut("/diagnostics/{diagnosticId:guid}/sections/{sectionId:guid}/visibility", async (Guid id, Guid diagnosticId, Guid sectionId, DiagnosticVisibilityInput input, DiagnosticCommands c) =>
            (await c.SetVisibilityAsync(id, diagnosticId, sectionId, input.Visibility)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Rend une section publique ou réservée aux membres (coordination) ; ses constats suivent quand elle est restreinte.");

        g.MapPost("/diagnostics/{diagnosticId:guid}/findings", async (Guid id, Guid diagnosticId, DiagnosticFindingInput input, DiagnosticCommands c) =>
            (await c.AddFindingAsync(id, diagnosticId, input.SectionId, input.Axis, input.Text)).ToCreated(f => $"/api/v1/contracts/{id}/diagnostics/{diagnosticId}"))
            .RequireContract(ContractRole.PartnerMember)
            .WithSummary("Ajoute un constat sur un axe (prévention, dissuasion, sanction, réparation).");

        g.MapPost("/diagnostics/{diagnosticId:guid}/sources", async (Guid id, Guid diagnosticId, DiagnosticSourceInput input, DiagnosticCommands c) =>
            (await c.AddSourceAsync(id, diagnosticId, new NewDiagnosticSource(input.Kind, input.Title, input.Date, input.MeetingId, input.Edition, input.Notes, null)))
                .ToCreated(s => $"/api/v1/contracts/{id}/diagnostics/{diagnosticId}"))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Inscrit une source au registre : réunion de travail (datée ou reliée à une réunion du contrat), entretien, statistiques avec leur édition (coordination).");

        g.MapPost("/diagnostics/{diagnosticId:guid}/versions", async (Guid id, Guid diagnosticId, DiagnosticCommands c) =>
            (await c.FreezeAsync(id, diagnosticId)).ToOk(v => new DiagnosticVersionDto(v.Number, v.IsValidated, v.Sha256, v.FrozenAt, false)))
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Fige une version : contenu, constats, sources et instantané des chiffres, avec son empreinte SHA-256 (coordination).");

        g.MapGet("/diagnostics/{diagnosticId:guid}/versions/{number:int}", async Task<Results<Ok<DiagnosticVersionContentDto>, ProblemHttpResult>> (Guid id, Guid diagnosticId, int number, DiagnosticQueries q) =>
            await q.VersionAsync(id, diagnosticId, number) is { } v
                ? TypedResults.Ok(new DiagnosticVersionContentDto(v.Number, v.IsValidated, v.Sha256, v.FrozenAt, v.Published, v.Content))
                : ApiErrors.NotFound(Missing))
            .WithSummary("Une version figée, telle qu'elle a été figée (les éditions statistiques suivantes n'y changent rien).");

        g.MapGet("/diagnostics/{diagnosticId:guid}/comparison", async Task<Results<Ok<DiagnosticComparison>, ProblemHttpResult>> (Guid id, Guid diagnosticId, int? from, int? to, DiagnosticQueries q) =>
            await q.CompareAsync(id, diagnosticId, from, to) is { } c ? TypedResults.Ok(c.Comparison) : ApiErrors.NotFound("Diagnostic ou version introuvable (il faut au moins une version figée)."))
            .WithSummary("Compare deux versions figées (from, to), ou une version et le document en cours (to absent) : chiffres qui ont changé, textes mot à mot, constats ajoutés ou retirés.");

        g.MapGet("/diagnostics/{diagnosticId:guid}/versions/{number:int}/pdf", async Task<IResult> (Guid id, Guid diagnosticId, int number, DiagnosticQueries q, HttpContext http) =>
        {
            if (await q.VersionAsync(id, diagnosticId, number) is not { } v) return ApiErrors.NotFound(Missing);
            await http.AuditReadAsync(AuditKinds.ExportDownloaded, "DiagnosticVersion", v.Id, id, new { what = "diagnostic", format = "pdf" });
            return TypedResults.File(DiagnosticPdf.Render(v.Content, v.Number, v.Sha256, v.FrozenAt), "application/pdf", $"diagnostic-v{v.Number}.pdf");
        }).ProducesFile(ApiDocumentation.Pdf).WithSummary("PDF d'une version figée (membres du contrat).");

        g.MapPut("/diagnostics/{diagnosticId:guid}/publication", async (Guid id, Guid diagnosticId, DiagnosticPublicationInput input, DiagnosticCommands c) =>
            (await c.PublishAsync(id, diagnosticId, input.Version)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Publie une version validée sur les pages publiques du contrat (ses parties publiques seulement), ou retire la publication (version vide).");

        g.MapPut("/plan/items/{itemId:guid}/findings/{findingId:guid}", async (Guid id, Guid itemId, Guid findingId, DiagnosticCommands c) =>
            (await c.LinkAsync(id, itemId, findingId)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Relie une priorité du plan à un constat du diagnostic qui la justifie (coordination).");

        g.MapDelete("/plan/items/{itemId:guid}/findings/{findingId:guid}", async (Guid id, Guid itemId, Guid findingId, DiagnosticCommands c) =>
            (await c.LinkAsync(id, itemId, findingId, link: false)).ToNoContent())
            .RequireContract(ContractRole.Coordinator)
            .WithSummary("Retire le lien entre une priorité du plan et un constat (coordination).");

        g.MapGet("/plan/unjustified-priorities", async (Guid id, DiagnosticQueries q) =>
            TypedResults.Ok((await q.UnjustifiedPrioritiesAsync(id)).Select(p => new DiagnosticPlanItemDto(p.Id, p.Reference, p.Title)).ToList()))
            .WithSummary("Priorités du plan qu'aucun constat du diagnostic ne justifie.");

        api.MapGet("/diagnostic-drafts", async Task<Results<Ok<DiagnosticDraftDto>, ValidationProblem, ProblemHttpResult>> (string? level, string? code, DiagnosticDrafts drafts) =>
        {
            if (!ObservatoryLevels.TryParse(level, out var l))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["level"] = [ObservatoryLevels.UnknownMessage(level)] }, title: "Données invalides");
            return await drafts.ForTerritoryAsync(l, code) is { } d ? TypedResults.Ok(new DiagnosticDraftDto(d.Sha256, d.Content)) : ApiErrors.NotFound("Ce territoire n'existe pas.");
        }).WithTags("Diagnostic")
            .WithSummary("Brouillon de diagnostic d'une commune, d'un arrondissement, d'une intercommunalité ou d'un département, généré à partir des données (empreinte SHA-256).")
            .WithDescription("level : commune, arrondissement, departement, region, epci, ept ou france ; code : code INSEE ou SIREN.");
    }

    private static DiagnosticDto ToDto(DiagnosticQueries.DiagnosticDetail d) => new(d.Id, d.Title, d.AreaId, d.Area,
        d.Sections.Select(s => new DiagnosticSectionDto(s.Id, s.Kind.ToString(), s.Axis?.ToString(), s.OrganisationId, s.Organisation, s.Title, s.Body,
            s.Status.ToString(), s.Visibility.ToString(), s.Author)).ToList(),
        d.Findings.Select(f => new DiagnosticFindingDto(f.Id, f.SectionId, f.Axis?.ToString(), f.Text, f.Visibility.ToString(), f.Priorities.Select(p => p.Id).ToList())).ToList(),
        d.Sources.Select(s => new DiagnosticSourceDto(s.Id, s.Kind.ToString(), s.Title, s.Date, s.MeetingId, s.FileId is not null, s.Edition, s.Notes)).ToList(),
        d.Figures, d.Surveys, d.Versions.Select(v => new DiagnosticVersionDto(v.Number, v.IsValidated, v.Sha256, v.FrozenAt, v.Published)).ToList(),
        d.Unanswered.Select(f => f.Id).ToList(), d.UnjustifiedPriorities.Select(p => new DiagnosticPlanItemDto(p.Id, p.Reference, p.Title)).ToList());
}

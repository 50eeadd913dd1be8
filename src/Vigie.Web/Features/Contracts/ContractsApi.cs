using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Contracts;

/// <summary>Contracts, signatories, avenants, history, signed document and members under /api/v1/contracts.</summary>
public static class ContractsApi
{
    public sealed record ContractSummaryDto(Guid Id, string Title, ContractKind Kind, ContractStatus Status, DateOnly StartDate, DateOnly EndDate, int Generation, bool IsPublished);
    public sealed record VersionDto(int Number, VersionCause Cause, string CauseLabel, DateOnly EffectiveDate, DateTimeOffset RecordedAt, Guid? AmendmentId, ContractSnapshot Snapshot, IReadOnlyList<FieldChange> Changes);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts").WithTags("Contrats").RequireContract(ContractRole.Reader, routeParameter: "id");

        g.MapGet("/", async (ContractAccess access, ContractStatus? status) =>
        {
            var q = access.Contracts.AsNoTracking();
            if (status is { } s) q = q.Where(c => c.Status == s);
            return TypedResults.Ok(await q.OrderBy(c => c.Title)
                .Select(c => new ContractSummaryDto(c.Id, c.Title, c.Kind, c.Status, c.StartDate, c.EndDate, c.Generation, c.IsPublished)).ToListAsync());
        }).WithSummary("Contrats dont vous êtes membre (tous pour un administrateur).");

        g.MapGet("/{id:guid}", async Task<Results<Ok<ContractDetail>, ProblemHttpResult>> (Guid id, ContractQueries queries) =>
            await queries.DetailAsync(id) is { } d ? TypedResults.Ok(d) : NotFound())
            .WithSummary("Détail d'un contrat : territoire, signataires, avenants, contrats liés.");

        g.MapPost("/", async (ContractInput input, ContractCommands commands, HttpContext http) =>
            !http.User.IsInRole(Roles.Administrator) && !http.User.IsInRole(Roles.ContractCreator)
                ? CommandResult<Guid>.Denied("Seuls les administrateurs et les créateurs de contrats peuvent créer un contrat.").ToCreated(_ => "")
                : (await commands.CreateAsync(input)).ToCreated(v => $"/api/v1/contracts/{v}")).WithSummary("Crée un contrat (brouillon) ; vous en devenez coordinateur.");

        g.MapPut("/{id:guid}", async (Guid id, ContractInput input, ContractCommands commands) =>
            Done(await commands.UpdateAsync(id, input)))
            .WithSummary("Modifie un contrat (coordinateur). Une fois signé, période et territoire changent par avenant.");

        g.MapPost("/{id:guid}/status", async (Guid id, StatusInput input, ContractCommands commands) =>
            Done(await commands.ChangeStatusAsync(id, input.Status!.Value)))
            .WithSummary("Change le statut : brouillon → en signature → en vigueur → en évaluation → terminé.");

        g.MapPost("/{id:guid}/renewal", async (Guid id, [FromBody] RenewalSelection? selection, ContractCommands commands) =>
            (await commands.RenewAsync(id, selection)).ToCreated(v => $"/api/v1/contracts/{v}"))
            .WithSummary("Crée la génération suivante du contrat (renouvellement).")
            .WithDescription("Corps facultatif : ce que la nouvelle génération reprend (signatories, members, areas, bodies : booléens ; planItemIds : axes et fiches action continués, " +
                "avec leurs indicateurs dont la valeur de référence devient la dernière valeur ; recommendationIds : recommandations qui deviennent des fiches action brouillon). " +
                "Refusé si le contrat a déjà un successeur. Un renouvellement sans évaluation est permis mais signalé.");

        g.MapGet("/{id:guid}/generations", async Task<Results<Ok<IReadOnlyList<Evaluation.GenerationLink>>, ProblemHttpResult>> (Guid id, ContractAccess access,
            Evaluation.EvaluationQueries evaluations) =>
            await access.Contracts.AnyAsync(c => c.Id == id) ? TypedResults.Ok(await evaluations.GenerationsAsync(id)) : NotFound())
            .WithSummary("Chaîne des générations du contrat (renouvellements), de la plus ancienne à la plus récente.")
            .WithDescription("Seuls les contrats que vous pouvez consulter figurent : la chaîne s'arrête à un contrat auquel vous n'avez pas accès. " +
                "evaluated : le contrat a une évaluation de fin de contrat validée ou présentée (un brouillon ne compte pas).");

        g.MapGet("/{id:guid}/signatories", async Task<Results<Ok<IReadOnlyList<SignatoryView>>, ProblemHttpResult>> (Guid id, ContractQueries queries) =>
            await queries.DetailAsync(id) is { } d ? TypedResults.Ok(d.Signatories) : NotFound())
            .WithSummary("Signataires du contrat.");

        g.MapPost("/{id:guid}/signatories", async (Guid id, SignatoryInput input, ContractCommands commands) =>
        
            (await commands.SaveSignatoryAsync(id, null, input)).ToCreated(v => $"/api/v1/contracts/{id}/signatories/{v}")).WithSummary("Ajoute un signataire (avant signature).");

        g.MapPut("/{id:guid}/signatories/{signatoryId:guid}", async (Guid id, Guid signatoryId, SignatoryInput input, ContractCommands commands) =>
            Done(await commands.SaveSignatoryAsync(id, signatoryId, input)))
            .WithSummary("Modifie un signataire ; un membre partenaire peut saisir la signature de sa propre institution.");

        g.MapDelete("/{id:guid}/signatories/{signatoryId:guid}", async (Guid id, Guid signatoryId, ContractCommands commands) =>
            Done(await commands.RemoveSignatoryAsync(id, signatoryId)))
            .WithSummary("Retire un signataire (avant signature).");

        g.MapGet("/{id:guid}/amendments", async Task<Results<Ok<IReadOnlyList<AmendmentView>>, ProblemHttpResult>> (Guid id, ContractQueries queries) =>
            await queries.DetailAsync(id) is { } d ? TypedResults.Ok(d.Amendments) : NotFound())
            .WithSummary("Avenants du contrat.");

        g.MapPost("/{id:guid}/amendments", async (Guid id, AmendmentInput input, ContractCommands commands) =>
        
            (await commands.AddAmendmentAsync(id, input, null)).ToCreated(v => $"/api/v1/contracts/{id}/amendments/{v}")).WithSummary("Ajoute un avenant (date d'effet, objet, nouvelle date de fin, territoires ajoutés).")
            .WithDescription("draft = true : projet d'avenant dont les signatures sont recueillies avant l'entrée en vigueur (rien ne s'applique avant) ; " +
                "attachesContractId : contrat d'une commune rattaché à celui-ci par l'avenant ; addedPriorities : axes ajoutés, un par ligne.");

        g.MapGet("/{id:guid}/amendments/{amendmentId:guid}", async Task<Results<Ok<AmendmentDetail>, ProblemHttpResult>> (Guid id, Guid amendmentId, AmendmentWorkflow workflow) =>
            await workflow.DetailAsync(id, amendmentId) is { } d ? TypedResults.Ok(d) : NotFound())
            .WithSummary("Un avenant : statut, signatures recueillies et ce qu'il change (période, territoire, axes, rattachement).");

        g.MapPost("/{id:guid}/amendments/{amendmentId:guid}/signatures", async (Guid id, Guid amendmentId, AmendmentSignatureInput input, AmendmentWorkflow workflow) =>
            (await workflow.SignAsync(id, amendmentId, input, null)).ToCreated(v => $"/api/v1/contracts/{id}/amendments/{amendmentId}"))
            .WithSummary("Enregistre la signature d'un projet d'avenant par un signataire du contrat (refusée pour qui n'est pas signataire).");

        g.MapPost("/{id:guid}/amendments/{amendmentId:guid}/signed-copies", async (Guid id, Guid amendmentId, IFormFile? file, [FromForm] string? signatoryId,
            [FromForm] string? signedOn, AmendmentWorkflow workflow, CancellationToken ct) =>
        {
            // The role first: a reader is refused before the form is checked or the upload read.
            if (await workflow.SignRefusalAsync(id) is { } refused) return refused.ToCreated(_ => "");
            var errors = new ErrorBag();
            Guid? signatory = Guid.TryParse(signatoryId, out var sid) ? sid : null;
            DateOnly? on = DateOnly.TryParseExact(signedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            if (signatory is null) errors.Add("signatoryId", "Choisissez le signataire (identifiant d'un signataire du contrat).");
            if (on is null) errors.Add("signedOn", "La date de signature est obligatoire, au format aaaa-mm-jj.");
            if (file is null) errors.Add("file", "Joignez l'exemplaire signé de l'avenant (PDF), champ multipart « file ».");
            if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors).ToCreated(_ => "");
            var input = new AmendmentSignatureInput { SignatoryId = signatory, SignedOn = on };
            return (await workflow.SignAsync(id, amendmentId, input, await UploadedPdf.FromAsync(file, ct))).ToCreated(v => $"/api/v1/contracts/{id}/amendments/{amendmentId}");
        })
            .DisableAntiforgery() // token-authenticated API: no cookie, so no cross-site request forgery
            .WithSummary("Enregistre la signature d'un projet d'avenant avec son exemplaire signé numérisé (PDF, 20 Mo au plus).")
            .WithDescription("Multipart : signatoryId (signataire du contrat), signedOn (aaaa-mm-jj), file (PDF). L'exemplaire se télécharge ensuite depuis le détail de l'avenant.");

        g.MapPost("/{id:guid}/amendments/{amendmentId:guid}/enactment", async (Guid id, Guid amendmentId, AmendmentWorkflow workflow) =>
            Done(await workflow.EnactAsync(id, amendmentId)))
            .WithSummary("Met en vigueur un projet d'avenant signé par tous les signataires : ses modifications s'appliquent au contrat.");

        g.MapGet("/{id:guid}/history", async Task<Results<Ok<List<VersionDto>>, ProblemHttpResult>> (Guid id, ContractQueries queries) =>
        {
            if (await queries.VersionsAsync(id) is not { } versions) return NotFound();
            var result = new List<VersionDto>();
            ContractSnapshot? previous = null;
            foreach (var v in versions)
            {
                var snapshot = ContractHistory.Read(v);
                result.Add(new VersionDto(v.Number, v.Cause, Labels.Cause(v.Cause), v.EffectiveDate, v.RecordedAt, v.AmendmentId, snapshot, ContractHistory.Diff(previous, snapshot)));
                previous = snapshot;
            }
            return TypedResults.Ok(result);
        }).WithSummary("Historique : chaque version du contrat et ce qui a changé.");

        g.MapGet("/{id:guid}/document", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, ContractQueries queries) =>
        {
            var detail = await queries.DetailAsync(id);
            if (detail?.SignedDocumentId is not { } fileId || await queries.FileAsync(id, fileId) is not { } file) return NotFound();
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).WithSummary("Télécharge le contrat signé (PDF).").ProducesFile(ApiDocumentation.Pdf);

        g.MapPut("/{id:guid}/document", async (Guid id, IFormFile? file, ContractCommands commands) =>
            Done(await commands.AttachDocumentAsync(id, await UploadedPdf.FromAsync(file))))
            .DisableAntiforgery() // token-authenticated API: no cookie, so no cross-site request forgery
            .WithSummary("Dépose le contrat signé (PDF, 20 Mo au plus), champ multipart « file ».");

        g.MapGet("/{id:guid}/members", async Task<Results<Ok<IReadOnlyList<MemberView>>, ProblemHttpResult>> (Guid id, ContractQueries queries) =>
            await queries.MembersAsync(id) is { } m ? TypedResults.Ok(m) : NotFound())
            .WithSummary("Membres du contrat et leur rôle.");

        g.MapPost("/{id:guid}/members", async (Guid id, MemberInput input, ContractCommands commands) =>
        
            (await commands.AddMemberAsync(id, input)).ToCreated(v => $"/api/v1/contracts/{id}/members/{v}")).WithSummary("Ajoute un membre (compte existant) avec un rôle : coordinator, partnerMember, reader.");

        g.MapDelete("/{id:guid}/members/{membershipId:guid}", async (Guid id, Guid membershipId, ContractCommands commands) =>
            Done(await commands.ChangeMemberAsync(id, membershipId, null)))
            .WithSummary("Retire un membre.");
    }

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Done<T>(CommandResult<T> r) => r.ToNoContent();

    private static ProblemHttpResult NotFound() => ApiErrors.NotFound("Ce contrat n'existe pas ou vous n'y avez pas accès.");
}

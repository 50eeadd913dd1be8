namespace Vigie.Web.Features.Cases;

/// <summary>
/// Programmes, the sheet's programme, the register of rights requests and the yearly charter reviews under the module's
/// API group (<see cref="CasesApi"/>): same door, same tag, same rules as the pages.
/// </summary>
public static class CaseProgrammesApi
{
    public sealed record CaseSheetVersionDto(int Version);

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/programmes", async (Guid id, CaseProgrammeService p) => (await p.ListAsync(id)).ToOk(v => v))
            .WithSummary("Les programmes du contrat (code, intitulé, archivé) proposés sur les fiches ; used (nommé par une fiche ou une statistique) pour les coordinateurs du contrat.");

        g.MapPost("/programmes", async (Guid id, CaseProgrammeInput input, CaseProgrammeService p) =>
            (await p.CreateAsync(id, input)).ToCreated(r => $"/api/v1/contracts/{id}/case-groups/programmes"))
            .WithSummary("Ajoute un programme (code unique dans le contrat, intitulé) : coordinateur du contrat.").ProducesValidationProblem();

        g.MapPut("/programmes/{programmeId:guid}", async (Guid id, Guid programmeId, CaseProgrammeInput input, CaseProgrammeService p) =>
            (await p.UpdateAsync(id, programmeId, input)).ToNoContent())
            .WithSummary("Modifie un programme ou l'archive (archived) : coordinateur du contrat ; version périmée : 409 avec les valeurs enregistrées.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        g.MapDelete("/programmes/{programmeId:guid}", async (Guid id, Guid programmeId, CaseProgrammeService p) => (await p.DeleteAsync(id, programmeId)).ToNoContent())
            .WithSummary("Supprime un programme qu'aucune fiche ni statistique anonyme ne nomme (sinon 400 : archivez-le) : coordinateur du contrat.")
            .ProducesValidationProblem();

        g.MapPut("/{groupId:guid}/sheets/{sheetId:guid}/programme", async (Guid id, Guid groupId, Guid sheetId, CaseSheetProgrammeInput input, CaseProgrammeService p) =>
            (await p.SetSheetProgrammeAsync(id, groupId, sheetId, input)).ToOk(v => new CaseSheetVersionDto(v)))
            .WithSummary("Change le programme de la fiche (programmeId, vide : aucun) avec la version lue (version) : coordonnateur ou référent ; version périmée : 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        g.MapGet("/{groupId:guid}/rights-requests", async (Guid id, Guid groupId, CaseRights r) => (await r.RegisterAsync(id, groupId)).ToOk(v => v))
            .WithSummary("Registre des demandes d'exercice des droits du dispositif : réception, droit, échéance, réponse, suite ; fiches effacées comprises, sans lien vers la personne (coordonnateur).");

        g.MapPost("/{groupId:guid}/rights-requests/{requestId:guid}/answer", async (Guid id, Guid groupId, Guid requestId, CaseRightsAnswerInput input, CaseRights r) =>
            (await r.AnswerInRegisterAsync(id, groupId, requestId, input)).ToNoContent())
            .WithSummary("Enregistre depuis le registre la date de réponse d'une demande du dispositif, y compris celle d'une fiche effacée ou purgée entre-temps (coordonnateur).")
            .ProducesValidationProblem();

        g.MapGet("/{groupId:guid}/charter/reviews", async (Guid id, Guid groupId, CaseCharterReviewService c) => (await c.ListAsync(id, groupId)).ToOk(v => v))
            .WithSummary("Bilans annuels de l'application de la charte : date du dernier, échéance du suivant (douze mois), retard.");

        g.MapPost("/{groupId:guid}/charter/reviews", async (Guid id, Guid groupId, CaseCharterReviewInput input, CaseCharterReviewService c) =>
            (await c.RecordAsync(id, groupId, input)).ToCreated(_ => $"/api/v1/contracts/{id}/case-groups/{groupId}/charter/reviews"))
            .WithSummary("Enregistre le bilan annuel de l'application de la charte (date, institutions présentes, constats et décisions de 1 000 caractères au plus, "
                + "sans adresse électronique ni téléphone) : coordonnateur.")
            .ProducesValidationProblem();
    }
}

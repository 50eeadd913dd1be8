using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits a partner's commitment; a partner member only sees and writes their own organisation's.</summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class CommitmentModel(PlanQueries queries, CommitmentCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage<CommitmentInput>(queries, db, picker)
{
    public IEnumerable<SelectListItem> Statuses { get; private set; } = [];

    protected override SubRecordTexts Texts { get; } = new("commitmentId", "Ajouter un engagement", "Modifier un engagement",
        "L'engagement a été ajouté.", "L'engagement a été mis à jour.", "L'engagement a été retiré.");

    protected override async Task<IActionResult?> AuthorizeAsync(Guid id)
    {
        var existing = RecordId is { } cid ? Detail.Commitments.FirstOrDefault(c => c.Id == cid) : null;
        if (!IsNew && existing is null) return NotFound();
        if (Detail.Role == ContractRole.Reader || existing is { CanEdit: false }) return Forbid();
        Statuses = (await Queries.PlanAsync(id))!.Statuses.Select(s => new SelectListItem(s.Label, s.Key));
        return null;
    }

    protected override Task FillInputAsync()
    {
        if (RecordId is { } cid && Detail.Commitments.First(c => c.Id == cid) is var c)
            Input = new CommitmentInput { OrganisationId = c.OrganisationId, What = c.What, Means = c.Means, DueDate = c.DueDate, Status = c.StatusKey, Progress = c.Progress, Weight = c.Weight, Reference = c.Reference, Version = c.Version };
        else if (Detail.Role == ContractRole.PartnerMember) Input.OrganisationId = Detail.UserOrganisationId;
        return Task.CompletedTask;
    }

    protected override Task<CommandResult<Guid>> SaveAsync(Guid id, Guid itemId) => commands.SaveCommitmentAsync(id, itemId, RecordId, Input);
    protected override Task<CommandResult<Guid>> DeleteAsync(Guid id, Guid itemId, Guid recordId) => commands.DeleteCommitmentAsync(id, itemId, recordId);
}

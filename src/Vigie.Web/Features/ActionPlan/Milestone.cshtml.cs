namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits a milestone (coordinator).</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class MilestoneModel(PlanQueries queries, MilestoneCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage<MilestoneInput>(queries, db, picker)
{
    protected override SubRecordTexts Texts { get; } = new("milestoneId", "Ajouter un jalon", "Modifier un jalon",
        "Le jalon a été ajouté.", "Le jalon a été mis à jour.", "Le jalon a été supprimé.");

    protected override Task<IActionResult?> AuthorizeAsync(Guid id) => Task.FromResult<IActionResult?>(
        RecordId is { } mid && Detail.Milestones.All(m => m.Id != mid) ? NotFound() : Detail.CanEdit ? null : Forbid());

    protected override async Task FillInputAsync()
    {
        if (RecordId is not { } mid) return;
        var m = await Db.Milestones.AsNoTracking().FirstAsync(x => x.Id == mid);
        Input = new MilestoneInput { Title = m.Title, DueOn = m.DueOn, DoneOn = m.DoneOn, Weight = m.Weight, OwnerOrganisationId = m.OwnerOrganisationId, Reference = m.Reference, Version = m.Version };
    }

    protected override Task<CommandResult<Guid>> SaveAsync(Guid id, Guid itemId) => commands.SaveMilestoneAsync(id, itemId, RecordId, Input);
    protected override Task<CommandResult<Guid>> DeleteAsync(Guid id, Guid itemId, Guid recordId) => commands.DeleteMilestoneAsync(id, itemId, recordId);
}

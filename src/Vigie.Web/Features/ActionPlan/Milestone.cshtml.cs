namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits a milestone (coordinator).</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class MilestoneModel(PlanQueries queries, MilestoneCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage(queries, db, picker)
{
    [BindProperty] public MilestoneInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid itemId, Guid? milestoneId)
    {
        if (await LoadAsync(id, itemId, milestoneId) is { } stop) return stop;
        if (milestoneId is { } mid)
        {
            var m = await Db.Milestones.AsNoTracking().FirstAsync(x => x.Id == mid);
            Input = new MilestoneInput { Title = m.Title, DueOn = m.DueOn, DoneOn = m.DoneOn, Weight = m.Weight, OwnerOrganisationId = m.OwnerOrganisationId, Reference = m.Reference };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid itemId, Guid? milestoneId)
    {
        if (await LoadAsync(id, itemId, milestoneId) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        return After(await commands.SaveMilestoneAsync(id, itemId, milestoneId, Input), IsNew ? "Le jalon a été ajouté." : "Le jalon a été mis à jour.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, Guid milestoneId)
    {
        if (await LoadAsync(id, itemId, milestoneId) is { } stop) return stop;
        return After(await commands.DeleteMilestoneAsync(id, itemId, milestoneId), "Le jalon a été supprimé.");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid itemId, Guid? milestoneId)
    {
        IsNew = milestoneId is null;
        if (!await LoadDetailAsync(id, itemId, IsNew ? "Ajouter un jalon" : "Modifier un jalon")) return NotFound();
        if (milestoneId is { } mid && Detail.Milestones.All(m => m.Id != mid)) return NotFound();
        return Detail.CanEdit ? null : Forbid();
    }
}

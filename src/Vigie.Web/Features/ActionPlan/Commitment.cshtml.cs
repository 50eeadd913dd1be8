using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Adds or edits a partner's commitment; a partner member only sees and writes their own organisation's.</summary>
[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class CommitmentModel(PlanQueries queries, CommitmentCommands commands, AppDbContext db, Partners.PartnerPicker picker) : SubRecordPage(queries, db, picker)
{
    [BindProperty] public CommitmentInput Input { get; set; } = new();
    public IEnumerable<SelectListItem> Statuses { get; private set; } = [];
    public IEnumerable<SelectListItem> OwnOrganisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid itemId, Guid? commitmentId)
    {
        if (await LoadAsync(id, itemId, commitmentId) is { } stop) return stop;
        if (commitmentId is { } cid && Detail.Commitments.First(c => c.Id == cid) is var c)
            Input = new CommitmentInput { OrganisationId = c.OrganisationId, What = c.What, Means = c.Means, DueDate = c.DueDate, Status = c.StatusKey, Progress = c.Progress, Weight = c.Weight, Reference = c.Reference };
        else if (Detail.Role == ContractRole.PartnerMember) Input.OrganisationId = Detail.UserOrganisationId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid itemId, Guid? commitmentId)
    {
        if (await LoadAsync(id, itemId, commitmentId) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        return After(await commands.SaveCommitmentAsync(id, itemId, commitmentId, Input), IsNew ? "L'engagement a été ajouté." : "L'engagement a été mis à jour.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, Guid commitmentId)
    {
        if (await LoadAsync(id, itemId, commitmentId) is { } stop) return stop;
        return After(await commands.DeleteCommitmentAsync(id, itemId, commitmentId), "L'engagement a été retiré.");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid itemId, Guid? commitmentId)
    {
        IsNew = commitmentId is null;
        if (!await LoadDetailAsync(id, itemId, IsNew ? "Ajouter un engagement" : "Modifier un engagement")) return NotFound();
        var existing = commitmentId is { } cid ? Detail.Commitments.FirstOrDefault(c => c.Id == cid) : null;
        if (!IsNew && existing is null) return NotFound();
        if (Detail.Role == ContractRole.Reader || existing is { CanEdit: false }) return Forbid();
        Statuses = (await Queries.PlanAsync(id))!.Statuses.Select(s => new SelectListItem(s.Label, s.Key));
        OwnOrganisations = Detail.Role == ContractRole.Coordinator ? Organisations : Organisations.Where(o => o.Value == Detail.UserOrganisationId.ToString());
        return null;
    }
}

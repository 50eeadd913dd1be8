using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Cases;

/// <summary>A member refers a person (§1.2): closed lists, identity and contact details encrypted, two short free texts at most.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class NewSheetModel(ContractAccess access, CaseQueries queries, CaseCommands commands, CaseAudit audit, AppDbContext db, CaseProgrammeService programmes) : CasePageModel(access)
{
    public CaseGroupDetail Group { get; private set; } = null!;
    public CaseSheetInput Input { get; set; } = new();
    public List<SelectListItem> Referents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid groupId)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Input.Representatives = [new(), new()];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid groupId, [Bind(Prefix = "Input")] CaseSheetInput input)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Input = input;
        while (Input.Representatives.Count < 2) Input.Representatives.Add(new());
        if (!ModelState.IsValid) return Page();
        var result = await commands.CreateSheetAsync(id, groupId, input);
        if (!result.Succeeded) return Fail(result);
        var code = await db.CaseSheets.Where(s => s.Id == result.Value).Select(s => s.Code).FirstAsync();
        TempData["Flash"] = $"La situation {code} a été transmise au coordonnateur du dispositif, qui l'inscrira à l'ordre du jour.";
        return RedirectToPage("/Cases/Group", new { id, groupId });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid groupId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var group = await queries.GroupAsync(id, groupId);
        if (group.NotFound) return NotFound();
        ViewData["Title"] = "Signaler une situation";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb(group.Succeeded ? group.Value!.Name : "Dispositif", Url.Page("/Cases/Group", new { id, groupId })), new Shared.Crumb("Signaler une situation"));
        if (!group.Succeeded) return Fail(group);
        Group = group.Value!;
        if (!Group.HasContentAccess)
        {
            await audit.DeniedAsync(id, groupId, null, "no-content-access");
            return Refuse(Group.Refusal!);
        }
        Referents = [.. Group.Members.Where(m => m.Status == CaseMemberStatus.Active)
            .Select(m => new SelectListItem($"{m.Name} ({CaseLabels.Institution(m.Institution)})", m.UserId.ToString()))];
        await LoadQuartiersAsync(queries);
        await LoadProgrammesAsync(programmes);
        return null;
    }
}

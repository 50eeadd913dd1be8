using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Cases;

/// <summary>A group: members and charter; the codes of the sheets the viewer may read; the coordinator's member management and duplicate check.</summary>
[ContractRequirement(ContractRole.Reader)]
public sealed class GroupModel(ContractAccess access, CaseQueries queries, CaseCommands commands, CaseRights rights, AppDbContext db, CaseRoles roles,
    CaseCharterReviewService reviews) : CasePageModel(access)
{
    /// <summary>The yearly reviews of the charter's application (§1.1): the last one's date, overdue after 12 months.</summary>
    public CaseCharterReviewsView Reviews { get; private set; } = null!;
    public CaseCharterReviewInput Review { get; set; } = new();

    /// <summary>Rights requests past their legal deadline (§1.7), for the coordinator: codes only.</summary>
    public IReadOnlyList<CaseOverdueRequest> OverdueRequests { get; private set; } = [];
    public CaseGroupDetail Group { get; private set; } = null!;
    public IReadOnlyList<CaseSheetLine> Sheets { get; private set; } = [];
    public CaseMemberInput Member { get; set; } = new();
    public DuplicateCheckInput Duplicate { get; set; } = new();
    /// <summary>The duplicate check's answer: the groups holding a sheet for that person (empty: none).</summary>
    public IReadOnlyList<string>? DuplicateGroups { get; private set; }
    public List<SelectListItem> Users { get; private set; } = [];
    public CaseMemberRoleInput MemberRole { get; set; } = new();
    public CaseCoordinatorInput Coordinator { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid groupId) => await LoadAsync(id, groupId) ?? Page();

    public async Task<IActionResult> OnPostMemberAsync(Guid id, Guid groupId, [Bind(Prefix = "Member")] CaseMemberInput member)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Member = member;
        if (!ModelState.IsValid) return Page();
        var result = await commands.AddMemberAsync(id, groupId, member);
        if (!result.Succeeded) return Fail(result, "Member");
        TempData["Flash"] = "Le membre a été ajouté ; il accédera aux situations après avoir signé la charte.";
        return RedirectToPage(new { id, groupId });
    }

    public async Task<IActionResult> OnPostMemberStatusAsync(Guid id, Guid groupId, Guid memberId, CaseMemberStatus status)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        var result = await commands.SetMemberStatusAsync(id, groupId, memberId, new MemberStatusInput { Status = status });
        if (!result.Succeeded) return Fail(result, "Member");
        TempData["Flash"] = $"Statut du membre : {CaseLabels.MemberStatus(status).ToLowerInvariant()}.";
        return RedirectToPage(new { id, groupId });
    }

    /// <summary>A member's institution or function corrected (ROLE_CHANGED).</summary>
    public async Task<IActionResult> OnPostMemberRoleAsync(Guid id, Guid groupId, Guid memberId, [Bind(Prefix = "MemberRole")] CaseMemberRoleInput memberRole)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        MemberRole = memberRole;
        if (!ModelState.IsValid) return Page();
        var result = await roles.UpdateMemberAsync(id, groupId, memberId, memberRole);
        if (!result.Succeeded) return Fail(result, "MemberRole");
        TempData["Flash"] = "L'institution et la fonction du membre sont enregistrées.";
        return RedirectToPage(new { id, groupId });
    }

    /// <summary>The coordination handed over to another member (ROLE_CHANGED).</summary>
    public async Task<IActionResult> OnPostCoordinatorAsync(Guid id, Guid groupId, [Bind(Prefix = "Coordinator")] CaseCoordinatorInput coordinator)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Coordinator = coordinator;
        if (!ModelState.IsValid) return Page();
        var result = await roles.ChangeCoordinatorAsync(id, groupId, coordinator);
        if (!result.Succeeded) return Fail(result, "Coordinator");
        TempData["Flash"] = "La coordination du dispositif est confiée au membre choisi ; vous restez membre.";
        return RedirectToPage(new { id, groupId });
    }

    public async Task<IActionResult> OnPostCharterVersionAsync(Guid id, Guid groupId)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        var result = await commands.PublishCharterVersionAsync(id, groupId);
        if (!result.Succeeded) return Fail(result);
        TempData["Flash"] = $"Version {result.Value} de la charte publiée : chaque membre, vous compris, doit la signer pour accéder de nouveau aux situations.";
        return RedirectToPage(new { id, groupId });
    }

    public async Task<IActionResult> OnPostCharterReviewAsync(Guid id, Guid groupId, [Bind(Prefix = "Review")] CaseCharterReviewInput review)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Review = review;
        if (!ModelState.IsValid) return Page();
        var result = await reviews.RecordAsync(id, groupId, review);
        if (!result.Succeeded) return Fail(result, "Review");
        TempData["Flash"] = $"Le bilan annuel de l'application de la charte du {Culture.Date(review.HeldOn)} est enregistré.";
        return RedirectToPage(new { id, groupId });
    }

    public async Task<IActionResult> OnPostDuplicateAsync(Guid id, Guid groupId, [Bind(Prefix = "Duplicate")] DuplicateCheckInput duplicate)
    {
        if (await LoadAsync(id, groupId) is { } failed) return failed;
        Duplicate = duplicate;
        if (!ModelState.IsValid) return Page();
        var result = await commands.DuplicateCheckAsync(id, groupId, duplicate);
        if (!result.Succeeded) return Fail(result, "Duplicate");
        DuplicateGroups = result.Value;
        Duplicate = new DuplicateCheckInput(); // the name typed is not sent back
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid groupId)
    {
        if (!await LoadContractAsync(id)) return NotFound();
        var group = await queries.GroupAsync(id, groupId);
        if (group.NotFound) return NotFound();
        ViewData["Title"] = group.Succeeded ? group.Value!.Name : "Accès refusé";
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb(group.Succeeded ? group.Value!.Name : "Dispositif"));
        if (!group.Succeeded) return Fail(group);
        Group = group.Value!;
        Reviews = await reviews.ViewOfAsync(groupId);
        if (Group.HasContentAccess && (await queries.SheetsAsync(id, groupId)) is { Succeeded: true } sheets) Sheets = sheets.Value!;
        if (Group.IsCoordinator)
        {
            OverdueRequests = await rights.OverdueAsync(id, groupId);
            var members = Group.Members.Select(m => m.UserId).ToList();
            Users = await db.Memberships.Where(m => m.ContractId == id && !members.Contains(m.UserId)).OrderBy(m => m.User!.FullName)
                .Select(m => new SelectListItem(m.User!.FullName, m.UserId.ToString())).ToListAsync();
        }
        return null;
    }
}

namespace Vigie.Web.Features.Governance;

/// <summary>The task update posted from a task table row (contract tasks, my tasks).</summary>
public static class TaskUpdates
{
    public static async Task<IActionResult> PostAsync(PageModel page, GovernanceCommands commands, Guid contractId, Guid taskId, FollowUpStatus status, string? progress, string back)
    {
        var input = new TaskUpdateInput { Status = status, Progress = progress };
        if (progress is { Length: > 2000 })
        {
            page.TempData["FlashError"] = "L'avancement ne doit pas dépasser 2 000 caractères.";
            return new RedirectResult(back);
        }
        var result = await commands.UpdateTaskAsync(contractId, taskId, input);
        if (result.NotFound) return new NotFoundResult();
        if (result.Forbidden) return new ForbidResult();
        page.TempData["Flash"] = $"La tâche a été mise à jour : {GovernanceLabels.Task(status)}.";
        return new RedirectResult(back);
    }
}

namespace Vigie.Web.Features.Governance;

/// <summary>The task update posted from a task table row (contract tasks, my tasks).</summary>
public static class TaskUpdates
{
    public static async Task<IActionResult> PostAsync(PageModel page, GovernanceCommands commands, Guid contractId, Guid taskId, FollowUpStatus status, string? progress, int? version, string back)
    {
        var input = new TaskUpdateInput { Status = status, Progress = progress, Version = version };
        if (progress is { Length: > 2000 })
        {
            page.TempData["FlashError"] = "L'avancement ne doit pas dépasser 2 000 caractères.";
            return new RedirectResult(back);
        }
        var result = await commands.UpdateTaskAsync(contractId, taskId, input);
        if (result.NotFound) return new NotFoundResult();
        if (result.Forbidden) return new ForbidResult();
        if (result.Conflict is { } conflict)
        {
            // The row's form is rebuilt from the stored task: the person's input is repeated in the message (ADR 0019).
            page.TempData["FlashError"] = conflict.Message.Replace(" Votre saisie est conservée : vérifiez-la puis enregistrez de nouveau pour la garder.", "", StringComparison.Ordinal)
                + $" Votre saisie, non enregistrée : statut « {GovernanceLabels.Task(status)} », avancement « {GovernanceCommands.Clean(progress) ?? "(vide)"} ». Reportez-la sur la ligne de la tâche si elle doit remplacer la version enregistrée.";
            return new RedirectResult(back);
        }
        page.TempData["Flash"] = $"La tâche a été mise à jour : {GovernanceLabels.Task(status)}.";
        return new RedirectResult(back);
    }
}

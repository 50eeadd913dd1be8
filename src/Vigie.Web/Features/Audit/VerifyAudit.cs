using System.CommandLine;
using Spectre.Console;
using Vigie.Web.Cli;

namespace Vigie.Web.Features.Audit;

/// <summary>
/// <c>verify-audit</c>: seals what is pending, then walks the audit hash chain from the purge anchor (ADR 0008) and exits
/// 0 when it is intact, 3 (<see cref="ExitCodes.IntegrityFailure"/>) with the first broken sequence when a row was
/// modified, deleted or the tail truncated.
/// </summary>
public static class VerifyAudit
{
    public static Command Command(CliHost host)
    {
        var cmd = new Command("verify-audit", "Vérifie la chaîne d'empreintes du journal d'audit (modification, suppression, troncature).");
        cmd.SetAction((_, ct) => host.RunAsync(async (sp, token) =>
        {
            var (code, message) = await RunAsync(sp.GetRequiredService<AuditChain>(), token);
            host.Console.MarkupLine(code == ExitCodes.Success ? $"[green]{Markup.Escape(message)}[/]" : $"[red]{Markup.Escape(message)}[/]");
            return code;
        }, ct));
        return cmd;
    }

    /// <summary>The verb's work, callable from tests: exit code and French message.</summary>
    public static async Task<(int Code, string Message)> RunAsync(AuditChain chain, CancellationToken ct = default)
    {
        await chain.SealAsync(ct);
        var result = await chain.VerifyAsync(ct);
        return result.Valid
            ? (ExitCodes.Success, $"Journal d'audit intègre : {result.Checked} événement(s) vérifié(s).")
            : (ExitCodes.IntegrityFailure, $"Journal d'audit altéré à l'événement n° {result.BrokenAtSequence} : {result.Reason} ({result.Checked} événement(s) vérifié(s) avant).");
    }
}

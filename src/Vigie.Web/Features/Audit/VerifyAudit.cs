using System.CommandLine;
using Spectre.Console;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Audit;

/// <summary>
/// <c>verify-audit</c>: seals what is pending, then walks the audit hash chain from the purge anchor (ADR 0008) and exits
/// 0 when it is intact, 1 with the first broken sequence when a row was modified, deleted or the tail truncated.
/// </summary>
public static class VerifyAudit
{
    public static Command Command()
    {
        var cmd = new Command("verify-audit", "Vérifie la chaîne d'empreintes du journal d'audit (modification, suppression, troncature).");
        cmd.SetAction(async (_, ct) => await Cli.WithServices(async sp =>
        {
            var (code, message) = await RunAsync(sp.GetRequiredService<AuditChain>(), ct);
            AnsiConsole.MarkupLine(code == 0 ? $"[green]{Markup.Escape(message)}[/]" : $"[red]{Markup.Escape(message)}[/]");
            return code;
        }));
        return cmd;
    }

    /// <summary>The verb's work, callable from tests: exit code and French message.</summary>
    public static async Task<(int Code, string Message)> RunAsync(AuditChain chain, CancellationToken ct = default)
    {
        await chain.SealAsync(ct);
        var result = await chain.VerifyAsync(ct);
        return result.Valid
            ? (0, $"Journal d'audit intègre : {result.Checked} événement(s) vérifié(s).")
            : (1, $"Journal d'audit altéré à l'événement n° {result.BrokenAtSequence} : {result.Reason} ({result.Checked} événement(s) vérifié(s) avant).");
    }
}

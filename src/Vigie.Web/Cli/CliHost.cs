using Spectre.Console;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Cli;

/// <summary>The documented exit codes of every verb (README "Command line").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Unexpected = 1;
    /// <summary>Bad input: unknown option, missing or unreadable file, invalid line (French message naming file, line, column).</summary>
    public const int BadInput = 2;
    /// <summary>A check found the data altered (<c>verify-audit</c>: a modified, deleted or truncated audit event).</summary>
    public const int IntegrityFailure = 3;
    public const int Cancelled = 130;
}

/// <summary>
/// Where verbs run: the app's services (the same host as the web app, built without serving — or a test's host) and the
/// console they write to. Every verb runs its work through <see cref="RunAsync"/>, so errors and exit codes are the same everywhere.
/// </summary>
public sealed class CliHost(IAnsiConsole console, Func<IServiceProvider>? services = null)
{
    public IAnsiConsole Console { get; } = console;

    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        WebApplication? app = null;
        try
        {
            IServiceProvider root;
            if (services is not null) root = services();
            else
            {
                app = VigieApp.Build([], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
                root = app.Services;
            }
            await using var scope = root.CreateAsyncScope();
            return await work(scope.ServiceProvider, ct);
        }
        catch (ImportRejectedException e)
        {
            Console.MarkupLine($"[red]Import annulé, aucune donnée n'a été modifiée : {e.Errors.Count} erreur(s).[/]");
            var table = new Table().AddColumn("Fichier").AddColumn("Ligne").AddColumn("Colonne").AddColumn("Message");
            foreach (var l in e.Errors)
                table.AddRow(Markup.Escape(l.File), l.Line > 0 ? l.Line.ToString(Culture.French) : "", Markup.Escape(l.Column), Markup.Escape(l.Message));
            Console.Write(table);
            return ExitCodes.BadInput;
        }
        catch (UserInputException e)
        {
            Console.MarkupLine($"[red]Erreur :[/] {Markup.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.MarkupLine("[yellow]Interrompu : aucune donnée n'a été modifiée.[/]");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            Console.MarkupLine($"[red]Erreur inattendue :[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Unexpected;
        }
        finally
        {
            if (app is not null) await app.DisposeAsync();
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Cli;

/// <summary>
/// The one shape of every <c>import …</c> verb: the same argument and option names, the kind's
/// <see cref="IImportJobRunner"/> run synchronously under a progress bar, the same closing summary, the same exit codes.
/// </summary>
public static class ImportCommand
{
    public static Argument<string> FileArgument(string description) => new("fichier") { Description = description };

    public static Option<string?> EditionOption(string description) => new("--edition") { Description = description };

    /// <summary>A verb for a one-file import with an optional edition: <c>&lt;fichier&gt; [--edition AAAA-MM-JJ]</c>.</summary>
    public static Command Create(CliHost host, string kind, string name, string description, Argument<string> file, Option<string?> edition) =>
        Create(host, kind, name, description, [file, edition],
            (p, _) => new ImportRequest(ImportSource.LocalFile(p.GetValue(file)!), ImportRequest.ParseEdition(p.GetValue(edition))));

    /// <summary>A verb whose request the feature builds from its own arguments and options (and settings, through the services).</summary>
    public static Command Create(CliHost host, string kind, string name, string description, Symbol[] symbols, Func<ParseResult, IServiceProvider, ImportRequest> request)
    {
        var cmd = new Command(name, description);
        foreach (var s in symbols)
        {
            if (s is Argument a) cmd.Arguments.Add(a);
            else if (s is Option o) cmd.Options.Add(o);
        }
        cmd.SetAction((parse, ct) => host.RunAsync((sp, token) => RunAsync(host.Console, sp, kind, request(parse, sp), token), ct));
        return cmd;
    }

    /// <summary>Runs the kind's runner with a progress bar, then prints the summary. Throws on bad input (exit code 2 via <see cref="CliHost"/>).</summary>
    public static async Task<int> RunAsync(IAnsiConsole console, IServiceProvider services, string kind, ImportRequest request, CancellationToken ct)
    {
        var runner = services.GetServices<IImportJobRunner>().Single(r => r.Kind == kind);
        var clock = Stopwatch.StartNew();
        ImportSummary? summary = null;
        await console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SyncProgress<ImportJobProgress>(p =>
                {
                    var step = p.Step ?? request.Source.DisplayName;
                    if (!tasks.TryGetValue(step, out var task)) tasks[step] = task = ctx.AddTask(Markup.Escape(step));
                    if (p.Percent is { } percent) task.Value = Math.Min(100, percent);
                    if (p.RowsRead > 0) task.Description = $"{Markup.Escape(step)} — {ImportSummary.N(p.RowsRead)} lignes";
                });
                summary = await runner.RunAsync(request, services, progress, ct);
                foreach (var task in tasks.Values) task.Value = task.MaxValue;
            });
        Print(console, summary!, clock.Elapsed);
        return ExitCodes.Success;
    }

    /// <summary>The closing summary every import prints: headline, rows read / imported / rejected, the kind's details, duration.</summary>
    public static void Print(IAnsiConsole console, ImportSummary s, TimeSpan duration)
    {
        console.MarkupLine(s.AlreadyImported ? $"[yellow]{Markup.Escape(s.Headline)}[/]" : $"[green]{Markup.Escape(s.Headline)}[/]");
        var table = new Table().AddColumn("Résumé").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("Lignes lues", ImportSummary.N(s.RowsRead));
        table.AddRow("Lignes importées", ImportSummary.N(s.RowsImported));
        table.AddRow("Lignes rejetées", ImportSummary.N(s.RowsRejected));
        foreach (var (label, value) in s.Details) table.AddRow(Markup.Escape(label), Markup.Escape(value));
        table.AddRow("Durée", $"{duration.TotalSeconds.ToString("0.00", Culture.French)} s");
        console.Write(table);
    }
}

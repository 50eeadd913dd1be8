using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Vigie.Web.Features.Observatory.Ssmsi;

/// <summary>CLI verb <c>import ssmsi &lt;file&gt; [--edition AAAA-MM-JJ]</c>: progress bar, then a summary.</summary>
public static class SsmsiCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("fichier") { Description = "Fichier CSV de la base SSMSI (communale, départementale ou régionale)." };
        var edition = new Option<string?>("--edition") { Description = "Date de production de l'édition (AAAA-MM-JJ), si le nom du fichier ne contient pas « produit-le… »." };
        var cmd = new Command("ssmsi", "Importe une base statistique SSMSI de la délinquance enregistrée.") { file, edition };
        cmd.SetAction(async (parse, ct) => await Cli.WithServices(async sp =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UserInputException($"Le fichier « {path} » est introuvable.");
            if (!SsmsiImporter.TryParseEdition(parse.GetValue(edition), out var explicitEdition))
                throw new UserInputException("--edition : " + SsmsiImporter.EditionFormatMessage);
            var importer = sp.GetRequiredService<SsmsiImporter>();
            SsmsiImportResult? result = null;
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: Math.Max(1, new FileInfo(path).Length));
                    var progress = new Progress(p =>
                    {
                        task.Value = p.BytesRead;
                        task.Description = $"{Markup.Escape(Path.GetFileName(path))} — {p.RowsRead.ToString("N0", Culture.French)} lignes";
                    });
                    result = await importer.ImportAsync(new SsmsiSource(path, () => File.OpenRead(path)), explicitEdition, progress, ct);
                    task.Value = task.MaxValue;
                });
            Print(result!);
            return 0;
        }));
        return cmd;
    }

    private static void Print(SsmsiImportResult r)
    {
        var edition = Culture.Date(r.Edition);
        if (r.AlreadyImported)
        {
            AnsiConsole.MarkupLine($"[yellow]Déjà importé :[/] ce fichier fait déjà partie de l'édition du {edition} ; rien n'a changé.");
            return;
        }
        string N(long n) => n.ToString("N0", Culture.French);
        var table = new Table().AddColumn("Édition du " + edition).AddColumn(new TableColumn("").RightAligned());
        table.AddRow("Format détecté", Markup.Escape(r.Schema));
        table.AddRow("Niveau", r.Level switch { StatLevel.Commune => "communes", StatLevel.Departement => "départements", _ => "régions" });
        table.AddRow("Lignes importées", N(r.Rows));
        table.AddRow("Indicateurs", N(r.Indicators));
        table.AddRow("Années", r.FirstYear is null ? "0" : $"{r.Years} ({r.FirstYear}–{r.LastYear})");
        table.AddRow("Territoires", N(r.Geographies));
        table.AddRow("Cellules sous secret statistique", N(r.Withheld));
        table.AddRow("Durée totale", $"{r.Duration.TotalSeconds.ToString("0.00", Culture.French)} s");
        table.AddRow("Lecture et écriture des lignes", $"{r.RowsDuration.TotalSeconds.ToString("0.00", Culture.French)} s ({N((long)(r.Rows / Math.Max(0.001, r.RowsDuration.TotalSeconds)))} lignes/s)");
        AnsiConsole.Write(table);
    }

    /// <summary>Progress&lt;T&gt; would post to the thread pool; the console wants updates in order, at once.</summary>
    private sealed class Progress(Action<SsmsiProgress> report) : IProgress<SsmsiProgress>
    {
        public void Report(SsmsiProgress value) => report(value);
    }
}

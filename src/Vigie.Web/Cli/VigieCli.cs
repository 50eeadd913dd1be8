using System.CommandLine;
using Spectre.Console;
using Vigie.Web.Features.Admin;
using Vigie.Web.Features.Observatory.Etat4001;
using Vigie.Web.Features.Observatory.PartnerSeries;
using Vigie.Web.Features.Observatory.Ssmsi;
using Vigie.Web.Features.Territories;

namespace Vigie.Web.Cli;

/// <summary>
/// The command line, next to the composition root: same binary, sub-commands. Features expose their verbs
/// (<c>static Command Command(CliHost)</c>); this root only lists them. Configuration comes from appsettings and
/// environment variables (e.g. Database__Provider, ConnectionStrings__Vigie), as for the web host.
/// </summary>
public static class VigieCli
{
    /// <summary>Top-level verbs. Adding a verb is one line here.</summary>
    private static readonly Func<CliHost, Command>[] Verbs =
    [
        Migrations.Command,
        Bootstrap.CreateAdminCommand,
        DemoSeed.Command,
        Features.Audit.VerifyAudit.Command,
        Features.Cases.CaseKeyRotation.Command,
        Backups.BackupCommand,
        Backups.RestoreCommand,
    ];

    /// <summary>Verbs under <c>import</c>, one per import kind. Adding one is one line here.</summary>
    private static readonly Func<CliHost, Command>[] ImportVerbs =
    [
        GeographyJobRunner.Command,
        SsmsiJobRunner.Command,
        Etat4001JobRunner.Command,
        PartnerSeriesJobRunner.Command,
    ];

    private static readonly string[] Help = ["--help", "-h", "-?"];

    public static bool IsCommand(string[] args)
    {
        if (args.Length == 0) return false;
        if (Help.Contains(args[0]) || args[0] == "import") return true;
        var host = new CliHost(AnsiConsole.Console);
        return Verbs.Any(v => v(host).Name == args[0]);
    }

    public static RootCommand Root(CliHost host)
    {
        var root = new RootCommand("Vigie — contrats locaux de sécurité : commandes d'exploitation.");
        foreach (var verb in Verbs) root.Subcommands.Add(verb(host));
        var import = new Command("import", "Importe des données officielles ou partenaires.");
        foreach (var verb in ImportVerbs) import.Subcommands.Add(verb(host));
        root.Subcommands.Add(import);
        return root;
    }

    /// <summary>Runs a verb; <paramref name="host"/> defaults to the configured app and the terminal (tests pass their own).</summary>
    public static async Task<int> RunAsync(string[] args, CliHost? host = null)
    {
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = Culture.French;
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = Culture.French;
        host ??= new CliHost(AnsiConsole.Console);
        var parse = Root(host).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) host.Console.MarkupLine($"[red]Erreur :[/] {Markup.Escape(e.Message)}");
            host.Console.MarkupLine("Aide : [bold]--help[/].");
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync();
    }
}

/// <summary>The <c>migrate</c> verb.</summary>
public static class Migrations
{
    public static Command Command(CliHost host)
    {
        var migrate = new Command("migrate", "Applique les migrations de la base de données configurée.");
        migrate.SetAction((_, ct) => host.RunAsync(async (sp, token) =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(token)).ToList();
            await db.Database.MigrateAsync(token);
            await Bootstrap.EnsureRolesAsync(sp);
            host.Console.MarkupLine($"[green]{pending.Count} migration(s) appliquée(s)[/] ({db.Database.ProviderName}).");
            return ExitCodes.Success;
        }, ct));
        return migrate;
    }
}

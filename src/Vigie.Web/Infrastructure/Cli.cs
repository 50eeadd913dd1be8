using System.CommandLine;
using Spectre.Console;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// The command line: same binary, sub-commands. Configuration comes from appsettings and
/// environment variables (e.g. Database__Provider, ConnectionStrings__Vigie), as for the web host.
/// </summary>
public static class Cli
{
    private static readonly string[] Verbs = ["migrate", "create-admin", "import", "seed-demo", "verify-audit", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = Culture.French;
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = Culture.French;
        var root = new RootCommand("Vigie — contrats locaux de sécurité : commandes d'exploitation.");

        var migrate = new Command("migrate", "Applique les migrations de la base de données configurée.");
        migrate.SetAction(async (_, ct) => await WithServices(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            await Features.Admin.Bootstrap.EnsureRolesAsync(sp);
            AnsiConsole.MarkupLine($"[green]{pending.Count} migration(s) appliquée(s)[/] ({db.Database.ProviderName}).");
            return 0;
        }));
        root.Subcommands.Add(migrate);

        root.Subcommands.Add(Features.Admin.Bootstrap.CreateAdminCommand());
        root.Subcommands.Add(Features.Admin.DemoSeed.Command());
        root.Subcommands.Add(Features.Audit.VerifyAudit.Command());

        var import = new Command("import", "Importe des données officielles.");
        import.Subcommands.Add(Features.Territories.GeographyImporter.Command());
        import.Subcommands.Add(Features.Observatory.Ssmsi.SsmsiCommand.Create());
        import.Subcommands.Add(Features.Observatory.Etat4001.Etat4001Importer.Command());
        import.Subcommands.Add(Features.Observatory.PartnerSeries.PartnerSeriesImporter.Command());
        root.Subcommands.Add(import);

        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Builds the same host as the web app (without serving) and runs work in a scope.</summary>
    public static async Task<int> WithServices(Func<IServiceProvider, Task<int>> work)
    {
        var app = VigieApp.Build([], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (UserInputException e)
        {
            AnsiConsole.MarkupLine($"[red]Erreur :[/] {Markup.Escape(e.Message)}");
            return 2;
        }
    }
}

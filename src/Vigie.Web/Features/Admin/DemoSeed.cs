using System.CommandLine;
using Spectre.Console;
using Vigie.Web.Features.Contracts;

namespace Vigie.Web.Features.Admin;

/// <summary>
/// First-run demonstration data: a fictitious commune and contract, clearly labelled as such,
/// and an administrator whose password is printed once on the console (never logged).
/// </summary>
public static class DemoSeed
{
    public const string Label = "données fictives de démonstration";
    public const string AdminEmail = "admin@vigie.localhost";
    public const string FictitiousCommuneCode = "00001";

    public static async Task SeedIfEmptyAsync(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        if (await db.Users.AnyAsync()) return;
        await SeedAsync(sp);
    }

    public static async Task SeedAsync(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await Bootstrap.EnsureRolesAsync(sp);
        var platform = await Bootstrap.PlatformOrganisationAsync(db);

        var commune = await db.Territories.FirstOrDefaultAsync(t => t.Kind == TerritoryKind.Commune && t.Code == FictitiousCommuneCode);
        if (commune is null)
        {
            commune = new Territory { Kind = TerritoryKind.Commune, Code = FictitiousCommuneCode, Name = $"Valbourg ({Label})", Population = 24_310, IsFictitious = true };
            db.Territories.Add(commune);
        }
        var mairie = new Organisation { Name = $"Commune de Valbourg ({Label})", Type = PartnerType.Commune, TerritoryCode = FictitiousCommuneCode };
        var prefecture = new Organisation { Name = $"Préfecture de Valbourg ({Label})", Type = PartnerType.Prefecture };
        var parquet = new Organisation { Name = $"Parquet de Valbourg ({Label})", Type = PartnerType.Parquet };
        mairie.Contacts.Add(new Contact { FullName = "Camille Martin", Position = "Maire", IsRepresentative = true });
        prefecture.Contacts.Add(new Contact { FullName = "Dominique Bernard", Position = "Préfet", IsRepresentative = true });
        db.Organisations.AddRange(mairie, prefecture, parquet);
        await db.SaveChangesAsync();

        var password = Bootstrap.GeneratePassword();
        var admin = await Bootstrap.CreateUserAsync(sp, AdminEmail, "Administrateur de démonstration", password, platform.Id,
            [Roles.Administrator, Roles.ContractCreator]);

        var contract = new SecurityContract
        {
            Title = $"Contrat local de sécurité de Valbourg 2025-2028 ({Label})",
            Kind = ContractKind.Cls,
            Status = ContractStatus.InForce,
            StartDate = new DateOnly(2025, 1, 1),
            EndDate = new DateOnly(2028, 12, 31),
            Summary = "Contrat fictif servant à découvrir Vigie.",
        };
        contract.Territories.Add(new ContractTerritory { TerritoryId = commune.Id });
        contract.Signatories.Add(new Signatory { OrganisationId = mairie.Id, RepresentativeName = "Camille Martin", RepresentativePosition = "Maire", SignedOn = new DateOnly(2025, 1, 15), Order = 1 });
        contract.Signatories.Add(new Signatory { OrganisationId = prefecture.Id, RepresentativeName = "Dominique Bernard", RepresentativePosition = "Préfet", SignedOn = new DateOnly(2025, 1, 15), Order = 2 });
        contract.Memberships.Add(new ContractMembership { UserId = admin.Id, Role = ContractRole.Coordinator });
        db.Contracts.Add(contract);
        db.PlanStatuses.AddRange(ActionPlan.PlanCommandKit.DefaultStatuses(contract.Id));
        await db.SaveChangesAsync();
        await sp.GetRequiredService<ContractHistory>().RecordAsync(contract.Id, VersionCause.Created, contract.StartDate);

        Console.WriteLine();
        Console.WriteLine("=== Vigie : base de démonstration créée (" + Label + ") ===");
        Console.WriteLine($"Compte administrateur : {AdminEmail}");
        Console.WriteLine($"Mot de passe          : {password}");
        Console.WriteLine("Changez ce mot de passe après la première connexion.");
        Console.WriteLine();
    }

    public static Command Command(Cli.CliHost host)
    {
        var cmd = new Command("seed-demo", "Ajoute les données fictives de démonstration si la base ne contient aucun compte.");
        cmd.SetAction((_, ct) => host.RunAsync(async (sp, ct) =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync(ct);
            if (await db.Users.AnyAsync(ct))
            {
                host.Console.MarkupLine("[yellow]La base contient déjà des comptes : rien n'a été ajouté.[/]");
                return 0;
            }
            await SeedAsync(sp);
            return Cli.ExitCodes.Success;
        }, ct));
        return cmd;
    }
}

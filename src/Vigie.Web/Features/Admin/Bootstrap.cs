using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Spectre.Console;

namespace Vigie.Web.Features.Admin;

public static class Bootstrap
{
    public const string PlatformOrganisationName = "Administration de la plateforme Vigie";

    public static async Task EnsureRolesAsync(IServiceProvider sp)
    {
        var roles = sp.GetRequiredService<RoleManager<AppRole>>();
        foreach (var name in Roles.Platform)
            if (!await roles.RoleExistsAsync(name))
                await roles.CreateAsync(new AppRole(name));
    }

    /// <summary>A random password meeting the policy (upper, lower, digit, symbol, 20 chars).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return "Vg-" + new string(chars.ToArray()) + "7a";
    }

    public static async Task<AppUser> CreateUserAsync(IServiceProvider sp, string email, string fullName, string password,
        Guid organisationId, IEnumerable<string> platformRoles)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            OrganisationId = organisationId,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new UserInputException(string.Join(" ", result.Errors.Select(e => e.Description)));
        foreach (var role in platformRoles)
            await users.AddToRoleAsync(user, role);
        return user;
    }

    public static async Task<Organisation> PlatformOrganisationAsync(AppDbContext db)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Name == PlatformOrganisationName);
        if (org is not null) return org;
        org = new Organisation { Name = PlatformOrganisationName, Type = PartnerType.Autre };
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    public static Command CreateAdminCommand(Cli.CliHost host)
    {
        var email = new Option<string>("--email") { Description = "Adresse électronique (identifiant de connexion).", Required = true };
        var name = new Option<string>("--name") { Description = "Nom complet.", DefaultValueFactory = _ => "Administrateur" };
        var password = new Option<string?>("--password") { Description = "Mot de passe ; généré et affiché s'il est omis. Préférez la variable VIGIE_ADMIN_PASSWORD." };
        var cmd = new Command("create-admin", "Crée un compte administrateur de la plateforme.") { email, name, password };
        cmd.SetAction((parse, ct) => host.RunAsync(async (sp, ct) =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync(ct);
            await EnsureRolesAsync(sp);
            var pwd = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("VIGIE_ADMIN_PASSWORD");
            var generated = string.IsNullOrEmpty(pwd);
            pwd = generated ? GeneratePassword() : pwd!;
            var org = await PlatformOrganisationAsync(db);
            var user = await CreateUserAsync(sp, parse.GetValue(email)!, parse.GetValue(name)!, pwd, org.Id, [Roles.Administrator, Roles.ContractCreator]);
            var auditor = sp.GetRequiredService<Auditor>();
            await auditor.RecordNowAsync(AuditKinds.UserCreated, "User", user.Id, data: new { via = "cli", roles = new[] { Roles.Administrator } });
            host.Console.MarkupLine($"[green]Administrateur créé[/] : {Markup.Escape(user.Email!)}");
            if (generated) host.Console.MarkupLine($"Mot de passe : [bold]{Markup.Escape(pwd)}[/] (à changer après la première connexion)");
            return Cli.ExitCodes.Success;
        }, ct));
        return cmd;
    }
}

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Admin;
using Vigie.Web.Features.Contracts;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string Email, string Password, Guid OrganisationId);

/// <summary>Builds the records a test needs, each with unique names so tests share one database.</summary>
public static class TestData
{
    public const string Password = "Mot-de-passe-9-solide";

    private static int _communeCounter = Random.Shared.Next(1000);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static async Task<Organisation> OrganisationAsync(this VigieFactory f, string? name = null, PartnerType type = PartnerType.Commune) =>
        await f.WithDb(async db =>
        {
            var org = new Organisation { Name = name ?? Unique("Organisation"), Type = type };
            db.Organisations.Add(org);
            await db.SaveChangesAsync();
            return org;
        });

    public static async Task<TestUser> UserAsync(this VigieFactory f, Guid? organisationId = null, params string[] platformRoles)
    {
        var orgId = organisationId ?? (await f.OrganisationAsync()).Id;
        var email = $"{Unique("user")}@example.test";
        AppUser? user = null;
        await f.WithScope(async sp => user = await Bootstrap.CreateUserAsync(sp, email, "Utilisateur " + email[..9], Password, orgId, platformRoles));
        return new TestUser(user!.Id, email, Password, orgId);
    }

    public static Task<TestUser> AdminAsync(this VigieFactory f) => f.UserAsync(null, Roles.Administrator, Roles.ContractCreator);

    public static async Task<Territory> CommuneAsync(this VigieFactory f, string? code = null, string? name = null) =>
        await f.WithDb(async db =>
        {
            // Département 99 does not exist in the official geography, so these never collide with real communes.
            // 99999 is never generated: tests use it as the code no territory has.
            var t = new Territory { Kind = TerritoryKind.Commune, Code = code ?? $"99{Interlocked.Increment(ref _communeCounter) % 999:000}", Name = name ?? Unique("Commune"), DepartementCode = "99" };
            db.Territories.Add(t);
            await db.SaveChangesAsync();
            return t;
        });

    /// <summary>A contract with one commune, and the given members.</summary>
    public static async Task<SecurityContract> ContractAsync(this VigieFactory f, params (TestUser User, ContractRole Role)[] members)
    {
        var commune = await f.CommuneAsync();
        SecurityContract? contract = null;
        await f.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            contract = new SecurityContract
            {
                Title = Unique("Contrat"),
                Kind = ContractKind.Cls,
                Status = ContractStatus.Draft,
                StartDate = new DateOnly(2025, 1, 1),
                EndDate = new DateOnly(2028, 12, 31),
            };
            contract.Territories.Add(new ContractTerritory { TerritoryId = commune.Id });
            foreach (var (user, role) in members)
                contract.Memberships.Add(new ContractMembership { UserId = user.Id, Role = role });
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<ContractHistory>().RecordAsync(contract.Id, VersionCause.Created, contract.StartDate);
        });
        return contract!;
    }

    /// <summary>An HTTP client carrying a fresh personal access token of the user, with every scope (read, write, admin).</summary>
    public static async Task<HttpClient> ApiClientAsync(this VigieFactory f, TestUser user)
    {
        var token = AccessTokenAuthentication.NewToken();
        await f.WithDb(async db =>
        {
            db.AccessTokens.Add(new PersonalAccessToken
            {
                UserId = user.Id, Name = "tests", TokenHash = AccessTokenAuthentication.Hash(token),
                Prefix = token[..12], CreatedAt = f.Clock.GetUtcNow(), ExpiresAt = f.Clock.GetUtcNow().AddDays(30), Scopes = "read write admin",
            });
            return await db.SaveChangesAsync();
        });
        var client = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

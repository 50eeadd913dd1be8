using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Contracts;
using Vigie.Web.Features.Territories;

namespace Vigie.Tests.Infrastructure;

/// <summary>
/// The real INSEE/DGCL geography, imported once per test run into the shared database, so tests can
/// use real communes (59350 Lille, 59355 Lomme, 75113 Paris 13e, EPCI 200093201 MEL…).
/// </summary>
public static class Geography
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<VigieFactory> Imported = [];

    public static string InseeFolder => Path.Combine(TestEnvironment.SharedData, "insee");

    public static async Task EnsureGeographyAsync(this VigieFactory f)
    {
        await Gate.WaitAsync();
        try
        {
            if (Imported.Contains(f)) return;
            await f.WithScope(sp => sp.GetRequiredService<GeographyImporter>().ImportFolderAsync(InseeFolder));
            Imported.Add(f);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A contract on real territories (imported first), with the given members.</summary>
    public static async Task<SecurityContract> ContractOnAsync(this VigieFactory f, (TerritoryKind Kind, string Code)[] territories, params (TestUser User, ContractRole Role)[] members)
    {
        await f.EnsureGeographyAsync();
        SecurityContract? contract = null;
        await f.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            contract = new SecurityContract
            {
                Title = TestData.Unique("Contrat"),
                Kind = ContractKind.Cls,
                Status = ContractStatus.Draft,
                StartDate = new DateOnly(2025, 1, 1),
                EndDate = new DateOnly(2028, 12, 31),
            };
            foreach (var (kind, code) in territories)
            {
                var id = db.Territories.Where(t => t.Kind == kind && t.Code == code).Select(t => t.Id).Single();
                contract.Territories.Add(new ContractTerritory { TerritoryId = id });
            }
            foreach (var (user, role) in members)
                contract.Memberships.Add(new ContractMembership { UserId = user.Id, Role = role });
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<ContractHistory>().RecordAsync(contract.Id, VersionCause.Created, contract.StartDate);
        });
        return contract!;
    }

    /// <summary>Cookie authentication answers "forbidden" with a redirect to the access-denied page.</summary>
    public static void AssertDenied(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden) return;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/acces-refuse", response.Headers.Location!.PathAndQuery);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Incidents;

/// <summary>
/// A contract on Lille (real geography and boundaries) whose signatories are the commune, a landlord and the police
/// municipale, with a coordinator, a member of each of the landlord and the police municipale, a reader and an outsider.
/// </summary>
public sealed record IncidentSetup(SecurityContract Contract, TestUser Coordinator, TestUser Landlord, TestUser Police, TestUser Reader,
    Organisation Commune, Organisation LandlordOrg, Organisation PoliceOrg, HttpClient CoordinatorApi, HttpClient LandlordApi, HttpClient PoliceApi,
    HttpClient ReaderApi, HttpClient OutsiderApi)
{
    public string Base => $"/api/v1/contracts/{Contract.Id}";
}

public static class IncidentKit
{
    /// <summary>Lille, Grand-Place; Lomme; and a point in Paris (outside any Lille contract).</summary>
    public const double LilleLat = 50.6372, LilleLon = 3.0633, LommeLat = 50.6445, LommeLon = 2.9870, ParisLat = 48.8566, ParisLon = 2.3522;

    public static async Task<IncidentSetup> IncidentSetupAsync(this VigieFactory f)
    {
        var commune = await f.OrganisationAsync(TestData.Unique("Ville"), PartnerType.Commune);
        var landlordOrg = await f.OrganisationAsync(TestData.Unique("Bailleur"), PartnerType.BailleurSocial);
        var policeOrg = await f.OrganisationAsync(TestData.Unique("Police municipale"), PartnerType.PoliceMunicipale);
        var coordinator = await f.UserAsync(commune.Id);
        var landlord = await f.UserAsync(landlordOrg.Id);
        var police = await f.UserAsync(policeOrg.Id);
        var reader = await f.UserAsync();
        var outsider = await f.UserAsync();
        var contract = await f.ContractOnAsync([(TerritoryKind.Commune, "59350")], (coordinator, ContractRole.Coordinator),
            (landlord, ContractRole.PartnerMember), (police, ContractRole.PartnerMember), (reader, ContractRole.Reader));
        await f.ContractAsync((outsider, ContractRole.Coordinator));
        await f.WithDb(db =>
        {
            var order = 0;
            foreach (var o in new[] { commune, landlordOrg, policeOrg })
                db.Signatories.Add(new Signatory { ContractId = contract.Id, OrganisationId = o.Id, RepresentativeName = "Représentant", Order = ++order });
            return db.SaveChangesAsync();
        });
        return new IncidentSetup(contract, coordinator, landlord, police, reader, commune, landlordOrg, policeOrg,
            await f.ApiClientAsync(coordinator), await f.ApiClientAsync(landlord), await f.ApiClientAsync(police), await f.ApiClientAsync(reader), await f.ApiClientAsync(outsider));
    }

    public static async Task<JsonElement> ReportAsync(this IncidentSetup s, string category, double? lat = LilleLat, double? lon = LilleLon, string description = "Constat de l'agent", HttpClient? client = null)
    {
        var response = await (client ?? s.CoordinatorApi).PostAsJsonAsync($"{s.Base}/incidents", new { category, latitude = lat, longitude = lon, address = "1 place du Général-de-Gaulle, Lille", description });
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> DetailAsync(this IncidentSetup s, Guid id) =>
        await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/incidents/{id}");

    public static Task<int> IncidentCountAsync(this VigieFactory f, Guid contractId) =>
        f.WithDb(db => db.Incidents.CountAsync(i => i.ContractId == contractId));

    /// <summary>Publishes the contract in Open311 under a unique jurisdiction and issues a client key.</summary>
    public static async Task<(string Jurisdiction, string ApiKey)> Open311Async(this IncidentSetup s)
    {
        var jurisdiction = $"{Guid.NewGuid():N}"[..10] + ".lille.test";
        var put = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/open311", new { jurisdiction });
        if (put.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException(await put.Content.ReadAsStringAsync());
        var issued = await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/open311/clients", new { name = "Application citoyenne" })).Content.ReadFromJsonAsync<JsonElement>();
        return (jurisdiction, issued.GetProperty("apiKey").GetString()!);
    }
}

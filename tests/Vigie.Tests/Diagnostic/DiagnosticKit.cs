using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Diagnostic;

/// <summary>
/// A contract (on a fictitious commune unless territories are given) whose signatories are the commune, a landlord and the
/// police; a coordinator, a member of each partner, a reader and the coordinator of another contract.
/// </summary>
public sealed record DiagnosticSetup(SecurityContract Contract, TestUser Coordinator, TestUser Landlord, TestUser Police, TestUser Reader, TestUser Outsider,
    Organisation LandlordOrg, Organisation PoliceOrg, HttpClient CoordinatorApi, HttpClient LandlordApi, HttpClient ReaderApi, HttpClient OutsiderApi)
{
    public string Base => $"/api/v1/contracts/{Contract.Id}";
}

public static class DiagnosticKit
{
    public static async Task<DiagnosticSetup> DiagnosticSetupAsync(this VigieFactory f, (TerritoryKind Kind, string Code)[]? territories = null)
    {
        var commune = await f.OrganisationAsync(TestData.Unique("Ville"), PartnerType.Commune);
        var landlordOrg = await f.OrganisationAsync(TestData.Unique("Bailleur"), PartnerType.BailleurSocial);
        var policeOrg = await f.OrganisationAsync(TestData.Unique("Police"), PartnerType.PoliceMunicipale);
        var coordinator = await f.UserAsync(commune.Id);
        var landlord = await f.UserAsync(landlordOrg.Id);
        var police = await f.UserAsync(policeOrg.Id);
        var reader = await f.UserAsync();
        var outsider = await f.UserAsync();
        (TestUser, ContractRole)[] members = [(coordinator, ContractRole.Coordinator), (landlord, ContractRole.PartnerMember), (police, ContractRole.PartnerMember), (reader, ContractRole.Reader)];
        var contract = territories is null ? await f.ContractAsync(members) : await f.ContractOnAsync(territories, members);
        await f.ContractAsync((outsider, ContractRole.Coordinator));
        await f.WithDb(db =>
        {
            var order = 0;
            foreach (var o in new[] { commune, landlordOrg, policeOrg })
                db.Signatories.Add(new Signatory { ContractId = contract.Id, OrganisationId = o.Id, RepresentativeName = "Représentant", Order = ++order });
            return db.SaveChangesAsync();
        });
        return new DiagnosticSetup(contract, coordinator, landlord, police, reader, outsider, landlordOrg, policeOrg,
            await f.ApiClientAsync(coordinator), await f.ApiClientAsync(landlord), await f.ApiClientAsync(reader), await f.ApiClientAsync(outsider));
    }

    public static async Task<Guid> CreateDiagnosticAsync(this DiagnosticSetup s, Guid? areaId = null) =>
        await s.CoordinatorApi.CreateAsync($"{s.Base}/diagnostics", new { areaId });

    public static async Task<JsonElement> DiagnosticAsync(this DiagnosticSetup s, Guid diagnosticId, HttpClient? client = null)
    {
        var r = await (client ?? s.CoordinatorApi).GetAsync($"{s.Base}/diagnostics/{diagnosticId}");
        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await PlanTestKit.JsonAsync(r);
    }

    /// <summary>The id of the first section of a kind (and of an organisation, for partner contributions).</summary>
    public static Guid Section(JsonElement diagnostic, string kind, Guid? organisationId = null) =>
        diagnostic.GetProperty("sections").EnumerateArray()
            .First(x => x.GetProperty("kind").GetString() == kind
                && (organisationId is null || (x.GetProperty("organisationId").ValueKind == JsonValueKind.String && x.GetProperty("organisationId").GetGuid() == organisationId)))
            .GetProperty("id").GetGuid();

    public static Task<HttpResponseMessage> WriteAsync(this HttpClient api, DiagnosticSetup s, Guid diagnosticId, Guid sectionId, string body) =>
        api.PutAsJsonAsync($"{s.Base}/diagnostics/{diagnosticId}/sections/{sectionId}", new { body });

    public static Task<HttpResponseMessage> StatusAsync(this HttpClient api, DiagnosticSetup s, Guid diagnosticId, Guid sectionId, string status) =>
        api.PutAsJsonAsync($"{s.Base}/diagnostics/{diagnosticId}/sections/{sectionId}/status", new { status });

    /// <summary>Validates every section of the diagnostic (coordination).</summary>
    public static async Task ValidateAllAsync(this DiagnosticSetup s, Guid diagnosticId)
    {
        foreach (var section in (await s.DiagnosticAsync(diagnosticId)).GetProperty("sections").EnumerateArray())
            Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.StatusAsync(s, diagnosticId, section.GetProperty("id").GetGuid(), "Validated")).StatusCode);
    }

    public static async Task<JsonElement> FreezeAsync(this DiagnosticSetup s, Guid diagnosticId)
    {
        var r = await s.CoordinatorApi.PostAsync($"{s.Base}/diagnostics/{diagnosticId}/versions", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await PlanTestKit.JsonAsync(r);
    }

    public static Task PublishContractAsync(this VigieFactory f, Guid contractId) => f.WithDb(async db =>
    {
        (await db.Contracts.SingleAsync(c => c.Id == contractId)).IsPublished = true;
        return await db.SaveChangesAsync();
    });
}

public static class DiagnosticApiCalls
{
    /// <summary>POSTs and expects 201, failing with the answer otherwise.</summary>
    public static async Task CreateAsyncOk(this HttpClient api, string url, object body)
    {
        var r = await api.PostAsJsonAsync(url, body);
        if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }
}

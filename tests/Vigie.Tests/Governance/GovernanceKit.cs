using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Governance;

/// <summary>A contract with a coordinator, a partner member, a reader, and an outsider on another contract, set up through the API.</summary>
public sealed record GovernanceSetup(SecurityContract Contract, TestUser Coordinator, TestUser Partner, TestUser Reader, TestUser Outsider,
    HttpClient CoordinatorApi, HttpClient PartnerApi, HttpClient ReaderApi, HttpClient OutsiderApi, Organisation PartnerOrganisation)
{
    public string Base => $"/api/v1/contracts/{Contract.Id}";
}

public static class GovernanceKit
{
    public static async Task<GovernanceSetup> SetupAsync(this VigieFactory f)
    {
        var partnerOrg = await f.OrganisationAsync(type: PartnerType.BailleurSocial);
        var coordinator = await f.UserAsync();
        var partner = await f.UserAsync(partnerOrg.Id);
        var reader = await f.UserAsync();
        var outsider = await f.UserAsync();
        var contract = await f.ContractAsync((coordinator, ContractRole.Coordinator), (partner, ContractRole.PartnerMember), (reader, ContractRole.Reader));
        await f.ContractAsync((outsider, ContractRole.Coordinator));
        return new GovernanceSetup(contract, coordinator, partner, reader, outsider,
            await f.ApiClientAsync(coordinator), await f.ApiClientAsync(partner), await f.ApiClientAsync(reader), await f.ApiClientAsync(outsider), partnerOrg);
    }

    public static async Task<Guid> CreatedIdAsync(this HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("id").GetGuid();
    }

    public static async Task<Guid> BodyAsync(this GovernanceSetup s, string kind = "plenary", string visibility = "members", string? name = null) =>
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/bodies", new { name = name ?? TestData.Unique("Instance"), kind, defaultVisibility = visibility })).CreatedIdAsync();

    public static async Task<Guid> MeetingAsync(this GovernanceSetup s, Guid bodyId, string date = "2026-03-10", string title = "Réunion", string? visibility = null) =>
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings", new { bodyId, title, date, startTime = "18:00", endTime = "20:00", place = "Salle du conseil", visibility })).CreatedIdAsync();

    public static async Task<Guid> AgendaItemAsync(this GovernanceSetup s, Guid meetingId, string title = "Point") =>
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meetingId}/agenda", new { title, durationMinutes = 20, presenter = "Le coordinateur" })).CreatedIdAsync();

    public static async Task<Guid> TaskAsync(this GovernanceSetup s, Guid meetingId, Guid itemId, string text, Guid? ownerOrganisationId = null, Guid? ownerUserId = null)
    {
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meetingId}/outcomes",
            new { agendaItemId = itemId, kind = "task", text, ownerOrganisationId, ownerUserId, dueOn = "2026-04-30" })).CreatedIdAsync();
        var tasks = await s.CoordinatorApi.GetFromJsonAsync<JsonElement>($"{s.Base}/tasks");
        return tasks.EnumerateArray().First(t => t.GetProperty("title").GetString() == text).GetProperty("id").GetGuid();
    }

    public static async Task SeatAsync(this GovernanceSetup s, Guid bodyId, Guid userId) =>
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/bodies/{bodyId}/members", new { userId, role = "membre", from = "2020-01-01" })).CreatedIdAsync();
}

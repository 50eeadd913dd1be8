using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Cases;

/// <summary>Someone looking at the module: pages with a cookie session, the API with a personal access token (both null-authenticated for anonymous).</summary>
public sealed record CaseRole(string Name, TestUser? User, HttpClient Pages, HttpClient Api);

/// <summary>
/// A contract with a watch cell (a governance body with a meeting in three days) and two follow-up groups: group A,
/// with its coordinator (also coordinator of the contract), a référent, an active member, a member who has not signed
/// the charter, a suspended and an excluded member; group B with one member. Two sheets in group A, both with the
/// référent: S1 on the meeting's agenda (inside the members' need-to-know window), S2 not. Everything through the API.
/// </summary>
public sealed class CaseScenario : IAsyncDisposable
{
    public required VigieFactory Factory { get; init; }
    public required Guid ContractId { get; init; }
    public required Guid GroupA { get; init; }
    public required Guid GroupB { get; init; }
    public required Guid Meeting { get; init; }
    public required Guid SheetOnAgenda { get; init; }
    public required Guid SheetOffAgenda { get; init; }
    public required Guid CoordinatorMemberRow { get; init; }
    public required string Surname { get; init; }
    public required string FirstName { get; init; }
    public required IReadOnlyList<CaseRole> Roles { get; init; }
    public CaseRole Role(string name) => Roles.Single(r => r.Name == name);
    public string GroupApi => $"/api/v1/contracts/{ContractId}/case-groups/{GroupA}";

    public const string Coordinator = "coordonnateur";
    public const string Referent = "référent";
    public const string Member = "membre actif";
    public const string Unsigned = "membre sans signature";
    public const string Suspended = "membre suspendu";
    public const string Excluded = "membre exclu";
    public const string OtherGroup = "membre d'un autre dispositif";
    public const string ContractCoordinator = "coordinateur du contrat non membre";
    public const string OtherContract = "coordinateur d'un autre contrat";
    public const string Admin = "administrateur";
    public const string Anonymous = "anonyme";

    public static readonly int[] AllClauses = [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>Letters only, unique: the person's names are what must never leak.</summary>
    public static string UniqueName(string prefix) => prefix + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).Select(char.ToUpperInvariant)).PadRight(8, 'Q');

    public static object SheetBody(string surname, string firstName, Guid? referent = null, DateOnly? birth = null, object? extra = null) => PlanTestKit.Merge(new
    {
        surname, firstName, sex = "male", birthDate = (birth ?? TestDates.Today.AddYears(-14)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        address = "12 rue des Lilas", phone = "06 12 34 56 78", email = "famille@example.test",
        representatives = new[] { new { surname, firstName = "Claire", link = "mother", phone = "06 98 76 54 32" } },
        schoolLevel = "middleSchool", origin = "partnerReferral", referralSource = "school", problems = new[] { "absenteeismDropout", "schoolExclusion" },
        referentUserId = referent,
    }, extra);

    public static async Task<CaseScenario> CreateAsync(VigieFactory f)
    {
        var coordinator = await f.UserAsync();
        var referent = await f.UserAsync();
        var member = await f.UserAsync();
        var unsigned = await f.UserAsync();
        var suspended = await f.UserAsync();
        var excluded = await f.UserAsync();
        var otherGroup = await f.UserAsync();
        var contractCoordinator = await f.UserAsync();
        var otherContract = await f.UserAsync();
        var admin = await f.AdminAsync();
        var contract = await f.ContractAsync((coordinator, ContractRole.Coordinator), (contractCoordinator, ContractRole.Coordinator),
            (referent, ContractRole.PartnerMember), (member, ContractRole.PartnerMember), (unsigned, ContractRole.PartnerMember),
            (suspended, ContractRole.PartnerMember), (excluded, ContractRole.PartnerMember), (otherGroup, ContractRole.Reader));
        await f.ContractAsync((otherContract, ContractRole.Coordinator));
        var api = await f.ApiClientAsync(coordinator);
        var c = $"/api/v1/contracts/{contract.Id}";

        var body = await (await api.PostAsJsonAsync($"{c}/bodies", new { name = TestData.Unique("Cellule de veille"), kind = "watchCell", defaultVisibility = "restricted" })).CreatedIdAsync();
        var day = TestDates.Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var meeting = await (await api.PostAsJsonAsync($"{c}/meetings", new { bodyId = body, title = "Cellule de veille", date = day, startTime = "09:30", endTime = "11:30", place = "Mairie", visibility = "restricted" })).CreatedIdAsync();

        var groupA = await api.CreateAsync($"{c}/case-groups", new { name = TestData.Unique("Cellule A"), kind = "watchCell", bodyId = body, coordinatorInstitution = "municipalService" });
        var groupB = await api.CreateAsync($"{c}/case-groups", new { name = TestData.Unique("Groupe B"), kind = "thematicGroup", coordinatorInstitution = "municipalService" });
        var a = $"{c}/case-groups/{groupA}";
        await Ok(api.PostAsJsonAsync($"{a}/charter/signature", new { acceptedClauses = AllClauses }));
        await Ok(api.PostAsJsonAsync($"{c}/case-groups/{groupB}/charter/signature", new { acceptedClauses = AllClauses }));

        var rows = new Dictionary<TestUser, Guid>();
        foreach (var (user, institution) in new[] { (referent, "specialisedPrevention"), (member, "school"), (unsigned, "socialLandlord"), (suspended, "ccas"), (excluded, "transport") })
            rows[user] = await api.CreateAsync($"{a}/members", new { userId = user.Id, institution, function = "membre" });
        await api.PostAsJsonAsync($"{c}/case-groups/{groupB}/members", new { userId = otherGroup.Id, institution = "missionLocale" });
        async Task<CaseRole> RoleAsync(string name, TestUser user) => new(name, user, (await PageClient.SignedInAsync(f, user)).Http, await f.ApiClientAsync(user));
        var roles = new Dictionary<TestUser, CaseRole>
        {
            [referent] = await RoleAsync(Referent, referent), [member] = await RoleAsync(Member, member), [unsigned] = await RoleAsync(Unsigned, unsigned),
            [suspended] = await RoleAsync(Suspended, suspended), [excluded] = await RoleAsync(Excluded, excluded), [otherGroup] = await RoleAsync(OtherGroup, otherGroup),
            [contractCoordinator] = await RoleAsync(ContractCoordinator, contractCoordinator), [otherContract] = await RoleAsync(OtherContract, otherContract),
            [admin] = await RoleAsync(Admin, admin),
        };
        foreach (var user in new[] { referent, member, suspended, excluded })
            await Ok(roles[user].Api.PostAsJsonAsync($"{a}/charter/signature", new { acceptedClauses = AllClauses }));
        await Ok(roles[otherGroup].Api.PostAsJsonAsync($"{c}/case-groups/{groupB}/charter/signature", new { acceptedClauses = AllClauses }));
        await Ok(api.PostAsJsonAsync($"{a}/members/{rows[suspended]}/status", new { status = "suspended" }));
        await Ok(api.PostAsJsonAsync($"{a}/members/{rows[excluded]}/status", new { status = "excluded" }));

        var surname = UniqueName("Nom");
        var firstName = UniqueName("Prenom");
        var s1 = await api.CreateAsync($"{a}/sheets", SheetBody(surname, firstName, referent.Id));
        var s2 = await api.CreateAsync($"{a}/sheets", SheetBody(surname + "Bis", firstName, referent.Id));
        await api.CreateAsync($"{a}/sheets/{s1}/agenda", new { meetingId = meeting });
        var group = await api.GetFromJsonAsync<System.Text.Json.JsonElement>(a);
        var coordinatorRow = group.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == coordinator.Id).GetProperty("id").GetGuid();

        var anonymous = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return new CaseScenario
        {
            Factory = f, ContractId = contract.Id, GroupA = groupA, GroupB = groupB, Meeting = meeting, SheetOnAgenda = s1, SheetOffAgenda = s2,
            CoordinatorMemberRow = coordinatorRow, Surname = surname, FirstName = firstName,
            Roles =
            [
                .. roles.Values,
                new CaseRole(Anonymous, null, anonymous, anonymous),
                new CaseRole(Coordinator, coordinator, (await PageClient.SignedInAsync(f, coordinator)).Http, api), // last: its successful writes come after everyone else's attempts
            ],
        };
    }

    /// <summary>
    /// Retires the scenario's personal access tokens: the shared database keeps growing over the run, and pages listing
    /// the most recent active tokens (admin) must not be flooded by this module's tests.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var users = Roles.Where(r => r.User is not null).Select(r => r.User!.Id).ToList();
        await Factory.WithDb(db => db.AccessTokens.Where(t => users.Contains(t.UserId) && t.RevokedAt == null)
            .ExecuteUpdateAsync(x => x.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow)));
    }

    public static async Task Ok(Task<HttpResponseMessage> call)
    {
        var r = await call;
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri} → {(int)r.StatusCode}\n{await r.Content.ReadAsStringAsync()}");
    }
}

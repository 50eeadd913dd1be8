using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13, "Done when": every page and API route of the follow-up module × every role and member state → the expected
/// status, read from the app's endpoint data source (a new route without a line here fails), and no answer to someone
/// not entitled holds the person's names (the coordinator and the référent read them; a member reads the first name only).
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class CaseAccessMatrixTests(VigieFactory factory)
{
    private const int Login = 302; // pages send anonymous users to the sign-in page
    private const int Unauthorized = 401;

    /// <summary>Who gets what: one profile per kind of route (status by role; <c>S2</c> = the sheet outside the members' window).</summary>
    private static int Profile(string profile, string role, bool offAgenda, bool api)
    {
        if (role == Anonymous) return api ? Unauthorized : Login;
        if (role == OtherContract) return 404;
        int Content(int ok) => role switch
        {
            Coordinator or Referent => ok,
            Member => offAgenda ? 404 : ok,
            Unsigned or Suspended or Excluded or ContractCoordinator => 403,
            _ => 404, // other group, administrator: the group does not exist for them
        };
        return profile switch
        {
            // The module's entry: any contract member (an administrator sees no group of which they are not a member).
            "index" => 200,
            "create-group" => role is Coordinator or ContractCoordinator ? 201 : 403,
            // The group page and its charter: members taking part, the contract's coordinator; 403 for a suspended or excluded member.
            "group" => role switch { Coordinator or Referent or Member or Unsigned or ContractCoordinator => 200, Suspended or Excluded => 403, _ => 404 },
            "sign-invalid" => role switch { Coordinator or Referent or Member or Unsigned => 400, Suspended or Excluded => 403, _ => 404 },
            "content" => Content(200),
            "content-create" => Content(201),
            "sheet" => Content(200),
            "tier2" or "tier3" => role == Member ? (offAgenda ? 404 : 403) : Content(200),
            "tier3-create" => role == Member ? (offAgenda ? 404 : 403) : Content(201),
            // The API refuses a non-coordinator first; the page loads the sheet first (404 outside the member's window).
            "accesses" => role == Coordinator ? 200 : role == Referent || (role == Member && (api || !offAgenda)) ? 403 : Content(200),
            // Coordinator-only commands sent with a body the coordinator gets refused on business grounds (400): nothing changes.
            "coordinator-400" => role == Coordinator ? 400 : role is Referent or Member ? 403 : Content(0),
            "coordinator-200" => role == Coordinator ? 200 : role is Referent or Member ? 403 : Content(0),
            "coordinator-204" => role == Coordinator ? 204 : role is Referent or Member ? 403 : Content(0),
            "sheet-coordinator-400" => role == Coordinator ? 400 : role == Referent ? 403 : role == Member ? (offAgenda ? 404 : 403) : Content(0),
            "sheet-coordinator-200" => role == Coordinator ? 200 : role == Referent ? 403 : role == Member ? (offAgenda ? 404 : 403) : Content(0),
            // An unknown rights request: the coordinator learns it does not exist; everyone else is refused before.
            "sheet-coordinator-404" => role == Coordinator ? 404 : role == Referent ? 403 : role == Member ? (offAgenda ? 404 : 403) : Content(0),
            // T3 holders get the business refusal (400) of an empty notice; a member reading the sheet is refused (403).
            "tier3-400" => role == Member ? (offAgenda ? 404 : 403) : Content(400),
            // The collective notice's controller and DPO (§1.7): the contract's coordinators, whether or not group members.
            "notice-settings" => role is Coordinator or ContractCoordinator ? 200 : 403,
            "notice-settings-204" => role is Coordinator or ContractCoordinator ? 204 : 403,
            "notice-settings-400" => role is Coordinator or ContractCoordinator ? 400 : 403,
            // The module's audit log (§1.5): the contract's designated DPO (none in the scenario) and each group's coordinator.
            "audit-log" => role == Coordinator ? 200 : 403,
            // Programmes (§1.2): the contract's coordinators (members) keep the list; an unknown programme is a 404 to them only.
            "coordinator-404" => role == Coordinator ? 404 : role is Referent or Member ? 403 : Content(0),
            "programme-create" => role is Coordinator or ContractCoordinator ? 201 : 403,
            "programme-404" => role is Coordinator or ContractCoordinator ? 404 : 403,
            _ => throw new InvalidOperationException(profile),
        };
    }

    /// <summary>The matrix: route (method + pattern) → profile and request body. A module route missing here fails the test.</summary>
    private static readonly Dictionary<string, (string Profile, Func<CaseScenario, object?>? Body)> Matrix = new()
    {
        ["PAGE /contrats/{id}/suivis"] = ("index", null),
        ["PAGE /contrats/{id}/suivis/{groupId}"] = ("group", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/charte"] = ("group", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/nouvelle"] = ("content", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}"] = ("sheet", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}?voir=coordonnees"] = ("tier2", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}?voir=judiciaire"] = ("tier3", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}?voir=acces"] = ("accesses", null),
        // Information and rights, single-person PDFs (§1.7, A5): coordinator and référent; the person's export, the coordinator.
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}?voir=droits"] = ("tier3", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}?handler=Pdf"] = ("tier3", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}?handler=Letter"] = ("tier3", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/fiches/{sheetId}?handler=Export"] = ("sheet-coordinator-200", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/pdf"] = ("tier3", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/notice-letter"] = ("tier3", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/export"] = ("sheet-coordinator-200", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/rights"] = ("tier3", null),
        ["PUT /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/notice"] = ("tier3-400", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/rights-requests"] = ("sheet-coordinator-400", _ => new { kind = "access", receivedOn = "2999-01-01" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/rights-requests/{requestId}/extension"] = ("sheet-coordinator-404", _ => new { motive = "Demande complexe" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/rights-requests/{requestId}/answer"] = ("sheet-coordinator-404", _ => new { answeredOn = "2026-01-05" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/rights-requests/{requestId}/rectification"] = ("sheet-coordinator-404",
            _ => new { surname = "Rectifie", firstName = "Personne", sex = "female", birthDate = "2012-01-01" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/rights-requests/{requestId}/erasure"] = ("sheet-coordinator-404", null),
        ["GET /api/v1/contracts/{id}/case-groups"] = ("index", null),
        ["POST /api/v1/contracts/{id}/case-groups"] = ("create-group", _ => new { name = TestData.Unique("Groupe"), kind = "territorialGroup", coordinatorInstitution = "ccas" }),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}"] = ("group", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/charter"] = ("group", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/charter/signature"] = ("sign-invalid", _ => new { acceptedClauses = new[] { 1 } }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/charter/versions"] = ("coordinator-200", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/members"] = ("coordinator-400", s => new { userId = s.Role(Member).User!.Id, institution = "school" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/members/{memberId}/status"] = ("coordinator-400", _ => new { status = "suspended" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/duplicate-check"] = ("coordinator-200", s => new { surname = s.Surname, firstName = s.FirstName, birthDate = "2012-01-01" }),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets"] = ("content", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets"] = ("content-create", _ => SheetBody(UniqueName("Autre"), UniqueName("Personne"))),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}"] = ("sheet", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/contact"] = ("tier2", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/judicial"] = ("tier3", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/accesses"] = ("accesses", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/status"] = ("sheet-coordinator-400", _ => new { status = "archived" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/review"] = ("sheet-coordinator-400", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/actions"] = ("content-create",
            _ => new { type = "schoolSupport", startedOn = "2026-01-05", result = "inProgress", note = "Rendez-vous tenu avec la famille." }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/measures"] = ("tier3-create", _ => new { type = "reparation", service = "pjj", startedOn = "2026-01-05" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/agenda"] = ("sheet-coordinator-400", _ => new { meetingId = Guid.NewGuid() }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/decisions"] = ("sheet-coordinator-400", _ => new { meetingId = Guid.NewGuid(), decision = "continue" }),
        // Retention, archives, processing register (§1.6, A10): the coordinator only, except the register (contract members, aggregates only).
        ["PAGE /contrats/{id}/suivis/registre"] = ("index", null),
        ["PAGE /contrats/{id}/suivis/{groupId}/conservation"] = ("coordinator-200", null),
        ["GET /api/v1/contracts/{id}/case-groups/register"] = ("index", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/retention"] = ("coordinator-200", null),
        ["PUT /api/v1/contracts/{id}/case-groups/{groupId}/retention"] = ("coordinator-204", _ => new { archiveMonths = 3, notRetainedMonths = 3 }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/freeze"] = ("coordinator-400", _ => new { reason = "litigation", until = "2020-01-01" }),
        ["PAGE /contrats/{id}/suivis/information"] = ("notice-settings", null),
        ["GET /api/v1/contracts/{id}/case-groups/notice-settings"] = ("notice-settings", null),
        ["PUT /api/v1/contracts/{id}/case-groups/notice-settings"] = ("notice-settings-204", _ => new { controllerName = "Le maire", dpoContact = "dpo@example.test" }),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/archive-access"] = ("coordinator-400", _ => new { motive = "Vérification d'une date de fin de suivi" }),
        // The audit log for the DPO and the coordinators, the DPO designations, role changes (§1.5 ROLE_CHANGED).
        ["PAGE /contrats/{id}/suivis/journal"] = ("audit-log", null),
        ["PAGE /contrats/{id}/suivis/journal?handler=Csv"] = ("audit-log", null),
        ["GET /api/v1/contracts/{id}/case-groups/audit-log"] = ("audit-log", null),
        ["GET /api/v1/contracts/{id}/case-groups/audit-log/csv"] = ("audit-log", null),
        ["PAGE /contrats/{id}/suivis/delegues"] = ("notice-settings", null),
        ["GET /api/v1/contracts/{id}/case-groups/dpos"] = ("notice-settings", null),
        ["PUT /api/v1/contracts/{id}/case-groups/dpos"] = ("notice-settings-400", _ => new { userIds = new[] { Guid.NewGuid() } }),
        ["PUT /api/v1/contracts/{id}/case-groups/{groupId}/members/{memberId}"] = ("coordinator-204", _ => new { institution = "municipalService", function = "Coordonnateur" }),
        ["PUT /api/v1/contracts/{id}/case-groups/{groupId}/coordinator"] = ("coordinator-400", _ => new { memberId = Guid.NewGuid() }),
        ["PUT /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/referent"] = ("sheet-coordinator-400", _ => new { userId = Guid.NewGuid() }),
        // Programmes (§1.2): listed to the contract's members, kept by its coordinators; a sheet's programme by the coordinator or the référent.
        ["PAGE /contrats/{id}/suivis/programmes"] = ("index", null),
        ["GET /api/v1/contracts/{id}/case-groups/programmes"] = ("index", null),
        ["POST /api/v1/contracts/{id}/case-groups/programmes"] = ("programme-create", _ => new { code = "P" + Guid.NewGuid().ToString("N")[..10], label = UniqueName("Programme ") }),
        ["PUT /api/v1/contracts/{id}/case-groups/programmes/{programmeId}"] = ("programme-404", _ => new { code = "PRE", label = "Prévention de la récidive" }),
        ["DELETE /api/v1/contracts/{id}/case-groups/programmes/{programmeId}"] = ("programme-404", null),
        ["PUT /api/v1/contracts/{id}/case-groups/{groupId}/sheets/{sheetId}/programme"] = ("tier3-400", _ => new { programmeId = Guid.NewGuid() }),
        // The register of rights requests (§1.7) and the yearly charter reviews (§1.1).
        ["PAGE /contrats/{id}/suivis/{groupId}/droits"] = ("coordinator-200", null),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/rights-requests"] = ("coordinator-200", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/rights-requests/{requestId}/answer"] = ("coordinator-404", _ => new { answeredOn = "2026-01-05" }),
        ["GET /api/v1/contracts/{id}/case-groups/{groupId}/charter/reviews"] = ("group", null),
        ["POST /api/v1/contracts/{id}/case-groups/{groupId}/charter/reviews"] = ("coordinator-400", _ => new { heldOn = "2999-01-01", institutions = new[] { "school" }, findings = "Charte appliquée." }),
    };

    /// <summary>The page routes are entered once per view they offer (the default view, and each <c>?voir=</c>).</summary>
    private static readonly Dictionary<string, string[]> PageViews = new()
    {
        ["/contrats/{id}/suivis/{groupId}/fiches/{sheetId}"] = ["", "?voir=coordonnees", "?voir=judiciaire", "?voir=acces", "?voir=droits", "?handler=Pdf", "?handler=Letter", "?handler=Export"],
        ["/contrats/{id}/suivis/journal"] = ["", "?handler=Csv"],
    };

    /// <summary>The module's routes as matrix keys, from an endpoint data source.</summary>
    public static List<string> ModuleRoutes(EndpointDataSource source)
    {
        var keys = new List<string>();
        foreach (var e in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = Shape().Replace("/" + (e.RoutePattern.RawText ?? "").Trim('/'), "{$1}");
            if (!pattern.StartsWith("/contrats/{id}/suivis", StringComparison.Ordinal) && !pattern.StartsWith("/api/v1/contracts/{id}/case-groups", StringComparison.Ordinal)) continue;
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null or { Count: 0 })
                keys.AddRange((PageViews.TryGetValue(pattern, out var views) ? views : [""]).Select(v => $"PAGE {pattern}{v}"));
            else keys.AddRange(methods.Select(m => $"{m} {pattern}"));
        }
        return keys;
    }

    [Fact]
    public async Task EveryRoute_AsEveryRoleAndMemberState_AnswersTheExpectedStatus_AndNoNameLeaks()
    {
        await using var s = await CreateAsync(factory);
        var routes = ModuleRoutes(factory.Services.GetRequiredService<EndpointDataSource>());
        var missing = routes.Where(r => !Matrix.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Routes du module sans ligne dans la matrice d'accès :\n" + string.Join("\n", missing));
        Assert.True(routes.Count >= 36, $"{routes.Count} routes seulement");

        var failures = new StringBuilder();
        var requests = 0;
        // The charter version (which suspends everyone) comes last.
        foreach (var route in routes.OrderBy(r => r.EndsWith("/charter/versions", StringComparison.Ordinal)).ThenBy(r => r, StringComparer.Ordinal))
        {
            var (profile, body) = Matrix[route];
            var method = route[..route.IndexOf(' ')];
            var api = method != "PAGE";
            var variants = route.Contains("{sheetId}", StringComparison.Ordinal) ? new[] { (s.SheetOnAgenda, false), (s.SheetOffAgenda, true) } : [(s.SheetOnAgenda, false)];
            foreach (var role in s.Roles)
                foreach (var (sheet, off) in variants)
                {
                    var url = route[(route.IndexOf(' ') + 1)..].Replace("{id}", s.ContractId.ToString()).Replace("{groupId}", s.GroupA.ToString())
                        .Replace("{sheetId}", sheet.ToString()).Replace("{memberId}", s.CoordinatorMemberRow.ToString()).Replace("{requestId}", Guid.NewGuid().ToString())
                        .Replace("{programmeId}", Guid.NewGuid().ToString());
                    var client = api ? role.Api : role.Pages;
                    using var response = method switch
                    {
                        "GET" or "PAGE" => await client.GetAsync(url),
                        "PUT" => await client.PutAsJsonAsync(url, body?.Invoke(s) ?? new { }),
                        "DELETE" => await client.DeleteAsync(url),
                        _ => await client.PostAsJsonAsync(url, body?.Invoke(s) ?? new { }),
                    };
                    requests++;
                    var expected = Profile(profile, role.Name, off, api);
                    var text = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode != expected)
                        failures.Append($"{role.Name} {method} {url} ({(off ? "S2" : "S1")}) → {(int)response.StatusCode}, attendu {expected}\n");
                    // Names: full for the coordinator and the référent; the first name for a member with T1; nothing for anyone else.
                    var entitled = role.Name is Coordinator or Referent || (role.Name == Member && !off);
                    if (text.Contains(s.Surname, StringComparison.OrdinalIgnoreCase) && role.Name is not (Coordinator or Referent))
                        failures.Append($"FUITE du nom : {role.Name} {method} {url}\n");
                    if (text.Contains(s.FirstName, StringComparison.OrdinalIgnoreCase) && !entitled)
                        failures.Append($"FUITE du prénom : {role.Name} {method} {url}\n");
                }
        }
        Assert.True(failures.Length == 0, $"{requests} requêtes ; écarts :\n{failures}");
    }

    [Fact]
    public void ANewRouteWithoutAMatrixEntry_FailsTheCheck()
    {
        static RouteEndpoint Probe(string pattern, string method) => new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0,
            new EndpointMetadataCollection(new HttpMethodMetadata([method])), pattern);
        var source = new CompositeEndpointDataSource([factory.Services.GetRequiredService<EndpointDataSource>(),
            new DefaultEndpointDataSource(Probe("/api/v1/contracts/{id:guid}/case-groups/{groupId:guid}/export", HttpMethods.Get))]);
        var routes = ModuleRoutes(source);
        Assert.Contains("GET /api/v1/contracts/{id}/case-groups/{groupId}/export", routes);
        Assert.DoesNotContain("GET /api/v1/contracts/{id}/case-groups/{groupId}/export", Matrix.Keys);
        Assert.All(ModuleRoutes(factory.Services.GetRequiredService<EndpointDataSource>()), r => Assert.Contains(r, Matrix.Keys));
    }

    [GeneratedRegex(@"\{\*{0,2}(\w+)[^}]*\}")]
    private static partial Regex Shape();
}

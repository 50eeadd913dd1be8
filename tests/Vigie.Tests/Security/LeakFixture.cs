using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.ActionPlan;

namespace Vigie.Tests.Security;

/// <summary>Someone who looks at the app: a signed-in user (cookie session for pages, personal access token for the API) or nobody.</summary>
public sealed record Role(string Name, TestUser? User, HttpClient Pages, HttpClient Api, string? FeedSecret);

/// <summary>
/// A contract whose restricted body holds a unique marker in every kind of content (issue 9, "Done when"):
/// minutes, an agenda item and its presenter, attendance (person and representative), tasks owned by an
/// organisation and by a user, decisions (one plain, one creating a plan action, one amending an action),
/// an information. Then what makes that content travel: the body's next members-only meeting (carried-over
/// tasks), its convocation to a partner organisation's generic address (an organisation-only seat), the packs
/// of both meetings sent, a milestone of the decision's action owned by a partner (reminder e-mails), the
/// contract published (public plan, public report), and a calendar feed for every signed-in role.
/// One app on its own database, so the pickup folder holds only this fixture's mail.
/// </summary>
public sealed partial class LeakFixture : IAsyncLifetime
{
    /// <summary>Its own app and database; warnings only in the log (about 1,500 requests are made).</summary>
    public VigieFactory Factory { get; } = new() { Settings = { ["Logging:LogLevel:Default"] = "Warning" } };

    /// <summary>Every marker starts with this; the field follows (<c>LEAK-…-MINUTES</c>).</summary>
    public string Marker { get; } = "LEAK-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
    /// <summary>What the meeting search is asked for: the marker's id alone, so that a page echoing the query does not count as a leak.</summary>
    public string SearchTerm => Marker[5..].ToLowerInvariant();
    /// <summary>
    /// The video-protection register's personal or restricted fields (issue 15): readable by the contract's coordinators
    /// only (the restricted opinion also by the committee body's members), never by the roles swept nor on the public page.
    /// </summary>
    public static readonly string[] VideoFields = ["VIDEOOPERATOR", "VIDEORECIPIENT", "VIDEOREQUISITION", "VIDEOACCESS", "VIDEOREFERRAL", "VIDEOANSWER", "VIDEOOPINION"];
    public static readonly string[] Fields = ["AGENDA", "PRESENTER", "MINUTES", "ATTENDANCE", "REPRESENTEDBY", "TASKORG", "TASKUSER", "DECISION", "DECPLAN", "DECAMEND", "INFO",
        .. VideoFields];
    public string M(string field) => $"{Marker}-{field}";

    public SecurityContract Contract { get; private set; } = null!;
    public SecurityContract OtherContract { get; private set; } = null!;
    public Organisation OwnerOrganisation { get; private set; } = null!;
    public Organisation PartnerOrganisation { get; private set; } = null!;
    public Guid PartnerContact { get; private set; }
    public Guid Body { get; private set; }
    public Guid RestrictedMeeting { get; private set; }
    public Guid MembersMeeting { get; private set; }
    public Guid AgendaItem { get; private set; }
    public Guid[] Tasks { get; private set; } = [];
    public Guid[] PlanItems { get; private set; } = [];
    public Guid DecisionAction { get; private set; }
    public Guid Milestone { get; private set; }
    /// <summary>A confidential follow-up group and one sheet (issue 13): none of the swept roles is a member of it.</summary>
    public Guid CaseGroup { get; private set; }
    public Guid CaseSheet { get; private set; }
    /// <summary>The video-protection register (issue 15): a system, its committee body, entries holding the video markers.</summary>
    public Guid VideoSystem { get; private set; }
    public Guid VideoCommittee { get; private set; }
    public Guid VideoAuthorisation { get; private set; }
    public Guid VideoCamera { get; private set; }
    public Guid VideoRequisition { get; private set; }
    public Guid VideoAccessRequest { get; private set; }
    public Guid VideoReferral { get; private set; }
    public string Commune { get; private set; } = "";
    public DateOnly Today { get; } = TestDates.Today;

    public TestUser Coordinator { get; private set; } = null!;
    public TestUser BodyMember { get; private set; } = null!;
    public Role BodyMemberRole { get; private set; } = null!;
    public Role CoordinatorRole { get; private set; } = null!;
    /// <summary>The roles that must never see the marker.</summary>
    public IReadOnlyList<Role> NotEntitled { get; private set; } = [];
    /// <summary>Personal addresses allowed to receive restricted content.</summary>
    public IReadOnlySet<string> EntitledAddresses { get; private set; } = new HashSet<string>();
    public IReadOnlyList<string> OrganisationAddresses { get; private set; } = [];

    private string Base => $"/api/v1/contracts/{Contract.Id}";
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public TimeSpan SetupDuration { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Factory.InitializeAsync();
        var f = Factory;

        // People and organisations. The task-owning organisation is the body member's; the partner who does
        // not sit in the body belongs to another organisation, which has an organisation-only seat.
        OwnerOrganisation = await f.OrganisationAsync(TestData.Unique("Bailleur"), PartnerType.BailleurSocial);
        PartnerOrganisation = await f.OrganisationAsync(TestData.Unique("Transporteur"), PartnerType.Transporteur);
        var ownerAddress = $"accueil-{OwnerOrganisation.Id:N}@example.test";
        var partnerAddress = $"contact-{PartnerOrganisation.Id:N}@example.test";
        await f.WithDb(async db =>
        {
            await db.Organisations.Where(o => o.Id == OwnerOrganisation.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Email, ownerAddress));
            await db.Organisations.Where(o => o.Id == PartnerOrganisation.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Email, partnerAddress));
            var contact = new Contact { OrganisationId = PartnerOrganisation.Id, FullName = "Claire Martin", Email = $"claire-{PartnerOrganisation.Id:N}@example.test" };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            PartnerContact = contact.Id;
            return 0;
        });

        Coordinator = await f.UserAsync();
        BodyMember = await f.UserAsync(OwnerOrganisation.Id);
        var reader = await f.UserAsync();
        var partner = await f.UserAsync(PartnerOrganisation.Id);
        var admin = await f.AdminAsync();
        var noContract = await f.UserAsync();
        var otherCoordinator = await f.UserAsync();
        Contract = await f.ContractAsync((Coordinator, ContractRole.Coordinator), (BodyMember, ContractRole.PartnerMember),
            (reader, ContractRole.Reader), (partner, ContractRole.PartnerMember));
        OtherContract = await f.ContractAsync((otherCoordinator, ContractRole.Coordinator));
        Commune = await f.WithDb(db => db.ContractTerritories.Where(t => t.ContractId == Contract.Id).Select(t => t.Territory!.Code).FirstAsync());
        var api = await f.ApiClientAsync(Coordinator);

        // The plan: an axis, an objective, an action a decision will amend.
        var priority = await api.CreateAsync($"{Base}/plan/items", new { kind = "priority", title = "Tranquillité publique" });
        var objective = await api.CreateAsync($"{Base}/plan/items", new { kind = "objective", title = "Prévenir la délinquance des mineurs", parentId = priority });
        var amended = await api.CreateAsync($"{Base}/plan/items", new { kind = "action", title = "Médiation de nuit", parentId = priority, description = "Deux médiateurs." });

        // The restricted body: the body member sits in person, the partner organisation by its generic address only.
        Body = await (await api.PostAsJsonAsync($"{Base}/bodies", new { name = "Cellule de veille restreinte", kind = "watchCell", defaultVisibility = "restricted" })).CreatedIdAsync();
        await (await api.PostAsJsonAsync($"{Base}/bodies/{Body}/members", new { userId = BodyMember.Id, organisationId = OwnerOrganisation.Id, role = "signataire de la charte", from = "2020-01-01" })).CreatedIdAsync();
        await (await api.PostAsJsonAsync($"{Base}/bodies/{Body}/members", new { organisationId = PartnerOrganisation.Id, role = "membre", from = "2020-01-01" })).CreatedIdAsync();

        // The restricted meeting and its content, every field marked.
        RestrictedMeeting = await (await api.PostAsJsonAsync($"{Base}/meetings", new
        {
            bodyId = Body, title = "Cellule de veille", date = Day(Today.AddDays(-20)), startTime = "09:30", endTime = "11:30", place = "Mairie, salle 2", visibility = "restricted",
        })).CreatedIdAsync();
        AgendaItem = await (await api.PostAsJsonAsync($"{Base}/meetings/{RestrictedMeeting}/agenda", new { title = $"Situation {M("AGENDA")}", durationMinutes = 30, presenter = $"Présenté par {M("PRESENTER")}" })).CreatedIdAsync();
        await Ok(api.PostAsJsonAsync($"{Base}/meetings/{RestrictedMeeting}/attendance", new { organisationId = OwnerOrganisation.Id, personName = $"Mme {M("ATTENDANCE")}", status = "present" }));
        await Ok(api.PostAsJsonAsync($"{Base}/meetings/{RestrictedMeeting}/attendance", new { organisationId = PartnerOrganisation.Id, status = "represented", representedBy = $"M. {M("REPRESENTEDBY")}" }));
        await Ok(api.PutAsJsonAsync($"{Base}/meetings/{RestrictedMeeting}/minutes", new { minutes = $"## Échanges\n\nSituation nominative : {M("MINUTES")}.", visibility = "restricted" }));
        var due = Day(Today.AddDays(-5));
        await Outcome(api, new { agendaItemId = AgendaItem, kind = "task", text = $"Visite du bailleur {M("TASKORG")}", ownerOrganisationId = OwnerOrganisation.Id, dueOn = due });
        await Outcome(api, new { agendaItemId = AgendaItem, kind = "task", text = $"Appeler la famille {M("TASKUSER")}", ownerUserId = BodyMember.Id, dueOn = due });
        await Outcome(api, new { agendaItemId = AgendaItem, kind = "decision", text = $"Orientation vers la prévention spécialisée {M("DECISION")}" });
        await Outcome(api, new { agendaItemId = AgendaItem, kind = "decision", text = $"Accompagnement renforcé {M("DECPLAN")}", planItemId = objective, createPlanAction = true });
        await Outcome(api, new { agendaItemId = AgendaItem, kind = "decision", text = $"Médiateur dédié {M("DECAMEND")}", planItemId = amended });
        await Outcome(api, new { agendaItemId = AgendaItem, kind = "information", text = $"Signalement reçu {M("INFO")}" });
        await Ok(api.PostAsJsonAsync($"{Base}/meetings/{RestrictedMeeting}/status", new { status = "held" }));

        var detail = await api.GetFromJsonAsync<JsonElement>($"{Base}/meetings/{RestrictedMeeting}");
        var outcomes = detail.GetProperty("agenda").EnumerateArray().SelectMany(a => a.GetProperty("outcomes").EnumerateArray()).ToList();
        DecisionAction = outcomes.Single(o => o.GetProperty("text").GetString()!.Contains(M("DECPLAN"), StringComparison.Ordinal)).GetProperty("planItemId").GetGuid();
        Tasks = [.. outcomes.Where(o => o.GetProperty("taskId").ValueKind == JsonValueKind.String).Select(o => o.GetProperty("taskId").GetGuid())];
        PlanItems = [priority, objective, amended, DecisionAction];
        // The coordinator plans the decided action; a milestone owned by the partner organisation is already overdue.
        Milestone = await api.CreateAsync($"{Base}/plan/items/{DecisionAction}/milestones", new { title = "Premier point d'étape", dueOn = Day(Today.AddDays(-2)), ownerOrganisationId = PartnerOrganisation.Id });

        // The body's next meeting, members-only: the restricted tasks are carried over to it.
        MembersMeeting = await (await api.PostAsJsonAsync($"{Base}/meetings", new
        {
            bodyId = Body, title = "Cellule de veille élargie", date = Day(Today.AddDays(10)), startTime = "09:30", endTime = "11:30", place = "Mairie, salle 2", visibility = "members",
        })).CreatedIdAsync();
        await (await api.PostAsJsonAsync($"{Base}/meetings/{MembersMeeting}/agenda", new { title = "Point d'étape du plan", durationMinutes = 20 })).CreatedIdAsync();

        // Everything that leaves by e-mail: convocations, packs (before and after) of both meetings; plan reminders.
        foreach (var meeting in new[] { RestrictedMeeting, MembersMeeting })
        {
            await Ok(api.PostAsync($"{Base}/meetings/{meeting}/convocation", null));
            await Ok(api.PostAsync($"{Base}/meetings/{meeting}/packs/before/send", null));
            await Ok(api.PostAsync($"{Base}/meetings/{meeting}/packs/after/send", null));
        }
        await f.Services.GetRequiredService<PlanReminders>().RunOnceAsync(DateTimeOffset.UtcNow);

        // A follow-up group of the contract, with a sheet: its routes are swept too (every swept role is refused).
        CaseGroup = await api.CreateAsync($"{Base}/case-groups", new { name = "Cellule de veille nominative", kind = "watchCell", bodyId = Body, coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{Base}/case-groups/{CaseGroup}/charter/signature", new { acceptedClauses = new[] { 1, 2, 3, 4, 5, 6, 7, 8 } }));
        CaseSheet = await api.CreateAsync($"{Base}/case-groups/{CaseGroup}/sheets", Vigie.Tests.Cases.CaseScenario.SheetBody(Vigie.Tests.Cases.CaseScenario.UniqueName("Nom"), "Lea"));

        // Video-protection (issue 15): a marker in every personal or restricted field of the register — an operator and a
        // recipient of an extraction, a requisition number, an access request's reference, a citizen's referral and the
        // committee's answer, a restricted committee opinion; a published annual report (public page and PDF). Then the
        // daily check runs, so its alerts (an access request past its deadline) are on the register page and in the mail.
        await SeedVideoAsync(api);

        // Published: the public plan page and the public report exist.
        await f.WithDb(db => db.Contracts.Where(c => c.Id == Contract.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsPublished, true)));

        CoordinatorRole = await RoleAsync("coordinateur du contrat", Coordinator);
        BodyMemberRole = await RoleAsync("membre de l'instance", BodyMember);
        var anonymous = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        NotEntitled =
        [
            new Role("anonyme", null, anonymous, anonymous, null),
            await RoleAsync("lecteur du contrat hors instance", reader),
            await RoleAsync("partenaire du contrat hors instance", partner),
            await RoleAsync("administrateur non membre du contrat", admin),
            await RoleAsync("utilisateur sans contrat", noContract),
            await RoleAsync("coordinateur d'un autre contrat", otherCoordinator),
        ];
        EntitledAddresses = new HashSet<string>([Coordinator.Email, BodyMember.Email], StringComparer.OrdinalIgnoreCase);
        OrganisationAddresses = [ownerAddress, partnerAddress];
        SetupDuration = clock.Elapsed;
    }

    private async Task SeedVideoAsync(HttpClient api)
    {
        var video = $"{Base}/video";
        var now = DateTimeOffset.UtcNow;
        VideoCommittee = await (await api.PostAsJsonAsync($"{Base}/bodies", new { name = "Comité d'éthique de la vidéoprotection", kind = "videoEthicsCommittee", defaultVisibility = "restricted" })).CreatedIdAsync();
        await (await api.PostAsJsonAsync($"{Base}/bodies/{VideoCommittee}/members", new { userId = BodyMember.Id, organisationId = OwnerOrganisation.Id, role = "personnalité qualifiée", from = "2020-01-01" })).CreatedIdAsync();
        VideoSystem = await api.CreateAsync($"{video}/systems", new
        {
            commune = "Puteaux", responsible = "Le maire", accessContact = "Mairie, service vidéoprotection", hasCsu = true, committeeBodyId = VideoCommittee,
            charterText = "Légalité, nécessité, proportionnalité.", charterVersion = "2024",
        });
        VideoAuthorisation = await api.CreateAsync($"{video}/authorisations", new
        {
            orderNumber = "2024-LEAK", orderDate = Today, prefecture = "Hauts-de-Seine", mode = "Perimetre", purposes = new[] { 1, 5 }, perimeterName = "Les Bergères",
            perimeterGeoJson = Vigie.Tests.VideoProtection.VideoKit.Perimeter, retentionDays = 15, effectiveOn = Today,
        });
        VideoCamera = await api.CreateAsync($"{video}/cameras", new
        {
            authorisationId = VideoAuthorisation, code = "CAM-LEAK-1", site = "Résidence des Bergères", latitude = Vigie.Tests.VideoProtection.VideoKit.InsideLat,
            longitude = Vigie.Tests.VideoProtection.VideoKit.InsideLon, kind = "Fixe", field = "VoiePublique", purpose = 5, state = "EnService", prefectInformedOn = Today, inServiceOn = Today,
        });
        var requisition = await api.PostAsJsonAsync($"{video}/requisitions", new
        {
            number = $"PV {M("VIDEOREQUISITION")}", authority = "OPJ_PoliceNationale", frame = "Flagrance", receivedOn = Today, periodFrom = now.AddDays(-1), periodTo = now.AddDays(-1).AddHours(1),
            site = "Résidence des Bergères",
        });
        if (!requisition.IsSuccessStatusCode) throw new InvalidOperationException($"réquisition : {(int)requisition.StatusCode} {await requisition.Content.ReadAsStringAsync()}");
        VideoRequisition = (await requisition.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await api.CreateAsync($"{video}/extractions", new
        {
            operatorName = $"Jeanne {M("VIDEOOPERATOR")}", operatorRole = "Opératrice CSU", cameraIds = new[] { VideoCamera }, from = now.AddDays(-1), to = now.AddDays(-1).AddHours(1),
            reason = "RequisitionJudiciaire", requisitionId = VideoRequisition, recipient = $"Brigade {M("VIDEORECIPIENT")}", medium = "Securise",
        });
        VideoAccessRequest = await api.CreateAsync($"{video}/access-requests", new
        {
            reference = $"DA {M("VIDEOACCESS")}", receivedOn = Today.AddMonths(-2), identityChecked = true, cameraId = VideoCamera,
            slotFrom = now.AddDays(-61), slotTo = now.AddDays(-61).AddHours(1), @object = "Visionnage", referredToCommittee = true,
        });
        VideoReferral = await api.CreateAsync($"{video}/committee/referrals", new { reference = "SC-2026-1", receivedOn = Today, subject = $"Caméra filmant un balcon {M("VIDEOREFERRAL")}", accessRequestId = VideoAccessRequest });
        await Ok(api.PutAsJsonAsync($"{video}/committee/referrals/{VideoReferral}/answer", new { answeredOn = Today, answer = $"Masquage demandé {M("VIDEOANSWER")}" }));
        await api.CreateAsync($"{video}/committee/opinions", new { date = Today, subject = $"Situation nominative {M("VIDEOOPINION")}", text = $"Avis restreint {M("VIDEOOPINION")}", visibility = "Restricted" });
        await api.CreateAsync($"{video}/committee/opinions", new { date = Today, subject = "Caméras des Bergères", text = "Avis public : masquer les fenêtres." });
        await api.CreateAsync($"{video}/committee/reports", new { year = Today.Year, text = "Le comité a examiné le projet des Bergères.", publish = true });
        await Factory.Services.GetRequiredService<Vigie.Web.Features.VideoProtection.VideoDailyJob>().CheckAsync();
    }

    /// <summary>Signs in (pages), creates a token (API) and a calendar feed (created on its page, as a user would).</summary>
    private async Task<Role> RoleAsync(string name, TestUser user)
    {
        var pages = await PageClient.SignedInAsync(Factory, user);
        var response = await pages.PostFormAsync("/mon-agenda?handler=Create", [], formPageUrl: "/mon-agenda");
        var html = await response.Content.ReadAsStringAsync();
        var feed = FeedRegex().Match(html);
        if (!feed.Success) throw new InvalidOperationException($"Pas d'adresse d'abonnement créée pour {name} : {(int)response.StatusCode}\n{html}");
        return new Role(name, user, pages.Http, await Factory.ApiClientAsync(user), feed.Groups[1].Value);
    }

    private async Task Outcome(HttpClient api, object body) => await (await api.PostAsJsonAsync($"{Base}/meetings/{RestrictedMeeting}/outcomes", body)).CreatedIdAsync();

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var r = await call;
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri} → {(int)r.StatusCode}\n{await r.Content.ReadAsStringAsync()}");
    }

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();

    [GeneratedRegex("/calendrier/([^<\\s\"/]+)\\.ics")]
    private static partial Regex FeedRegex();

    // ---- what fills the routes ----

    /// <summary>
    /// Route parameter → values, by name and, where a name means different things, by route. Null = not mapped
    /// (the test fails and lists it). Adding a route with a new parameter means adding a line here.
    /// </summary>
    public string[]? RouteValues(string pattern, string name, Role role)
    {
        static bool Under(string p, params string[] prefixes) => prefixes.Any(x => p.StartsWith(x, StringComparison.OrdinalIgnoreCase));
        string[] G(params Guid[] ids) => [.. ids.Select(i => i.ToString())];
        var nobody = Guid.NewGuid(); // a well-formed id of nothing: the route is still exercised (404 expected)
        return name switch
        {
            "id" when Under(pattern, "/contrats/{id", "/public/contrats/{id", "/api/v1/contracts/{id") => G(Contract.Id),
            "id" when Under(pattern, "/partenaires/{id", "/api/v1/partners/{id") => G(OwnerOrganisation.Id, PartnerOrganisation.Id),
            "id" when Under(pattern, "/admin/utilisateurs/{id") => G(Coordinator.Id, BodyMember.Id),
            "id" when Under(pattern, "/contrats/{contractId}/secteurs/{id", "/api/v1/contracts/{contractId}/areas/{id") => G(nobody),
            "id" when Under(pattern, "/observatoire/imports/{id", "/api/v1/observatory/imports/{id") => G(nobody),
            "id" when Under(pattern, "/observatoire/etat-4001/services/{id", "/api/v1/etat4001/services/{id") => ["1"],
            "contractId" => G(Contract.Id),
            "meetingId" => G(RestrictedMeeting, MembersMeeting),
            "bodyId" => G(Body),
            "itemId" => G(PlanItems),
            "taskId" => G(Tasks),
            "organisationId" or "organisation" => G(OwnerOrganisation.Id, PartnerOrganisation.Id),
            "contactId" => G(PartnerContact),
            "milestoneId" => [Milestone.ToString()],
            "groupId" => G(CaseGroup),
            "sheetId" => G(CaseSheet),
            "requestId" => G(nobody), // a rights request of the follow-up module (§1.7): none in the fixture
            "programmeId" => G(nobody), // a programme of the follow-up module (§1.2): none in the fixture
            "fileId" or "seriesId" => G(nobody), // no contract document, no partner series: nothing marked can be there
            "seatId" or "signatoryId" or "commitmentId" or "indicatorId" or "lineId" or "valueId" => [], // optional: the "new" forms
            "kind" when Under(pattern, "/api/v1/contracts/{id}/meetings/{meetingId}/packs/") => ["before", "after"],
            "kind" or "level" => ["commune"],
            "code" when pattern.Contains("{kind}/{code}", StringComparison.Ordinal) || pattern.Contains("{level}/{code}", StringComparison.Ordinal) => [Commune],
            "code" when Under(pattern, "/erreur/") => ["404"],
            "indicator" => ["homicides"],
            "departement" => ["99"],
            "documentName" => ["v1"],
            "secret" => [role.FeedSecret ?? "vcal_inconnu"],
            // Incidents (issue 14): no incident holds a marker; the routes are still exercised.
            "incidentId" or "zoneId" or "clientId" => G(nobody),
            "photoId" => G(nobody),
            // Diagnostic (issue 12): no diagnostic holds a marker; the routes are still exercised.
            "diagnosticId" or "sectionId" or "findingId" => G(nobody),
            "number" => ["1"],
            "code" when Under(pattern, "/api/v1/contracts/{id}/incident-categories/", "/open311/") => ["TAG-STD"],
            "code" when pattern.Contains("/signalements/categories/modifier/", StringComparison.Ordinal) => ["TAG-STD"], // incident category edit page (issue 14)
            "id" when Under(pattern, "/open311/") => ["1"],
            "format" when Under(pattern, "/open311/") => ["xml", "json"],
            "token" when Under(pattern, "/open311/") => ["inconnu"],
            // Survey (issue 12): no survey holds a marker; the routes are still exercised.
            "surveyId" or "waveId" or "jobId" => G(nobody),
            "responseId" => G(nobody), // a wave's response corrected, deleted or voided (issue 12)
            "code" when Under(pattern, "/enquete/") => ["inconnu"],
            // Evaluation and avenants (issue 15): no evaluation or avenant holds a marker; the routes are still exercised.
            "evaluationId" or "amendmentId" => G(nobody),
            "recommendationId" => G(nobody), // a recommendation's draft fiche action (issue 15 item 4)
            "ratingId" => G(nobody), // a rating removed from a draft evaluation (issue 15 item 11)
            // Video-protection (issue 15): the register's entries holding the video markers (see SeedVideoAsync).
            "systemId" => G(VideoSystem),
            "cameraId" => G(VideoCamera),
            "requisitionId" => G(VideoRequisition),
            "accessRequestId" => G(VideoAccessRequest),
            "authorisationId" => G(VideoAuthorisation),
            "referralId" => G(VideoReferral),
            "recorderId" or "alertId" or "extractionId" or "memberId" => G(nobody),
            "year" when Under(pattern, "/api/v1/contracts/{id}/video/") => [Today.Year.ToString(CultureInfo.InvariantCulture)],
            _ => null,
        };
    }

    /// <summary>Query parameter → values to try (one request per value, all parameters of a route at once); [] = known, not varied; null = not mapped.</summary>
    public string[]? QueryValues(string name) => name.ToLowerInvariant() switch
    {
        "q" or "recherche" => [SearchTerm],
        "annuaire" => [SearchTerm], // partner lists' directory search (issue 11 B)
        "handler" => [],
        "kind" => ["before", "after"],
        "voir" => ["coordonnees", "judiciaire", "acces", "droits"],
        "format" => ["csv", "xlsx"],
        "open" => ["false"],
        "toutes" or "tous" or "archives" or "includearchived" => ["true"],
        "du" => [Day(Today.AddYears(-1))],
        "au" => [Day(Today.AddYears(1))],
        "mois" => [Today.AddDays(-20).ToString("yyyy-MM", CultureInfo.InvariantCulture), Today.AddDays(10).ToString("yyyy-MM", CultureInfo.InvariantCulture)],
        "bodyid" => [Body.ToString()],
        "organisation" => [OwnerOrganisation.Id.ToString(), PartnerOrganisation.Id.ToString()],
        "itemid" or "parent" => [DecisionAction.ToString()],
        "year" or "annee" => [Today.Year.ToString(CultureInfo.InvariantCulture)],
        // Video-protection (issue 15): the commune whose committee report is asked for (the restricted opinion is of that year).
        "systeme" or "systemid" => [VideoSystem.ToString()],
        "contrat" => [Contract.Id.ToString()],
        "utilisateur" => [BodyMember.Email],
        // Incident filters (issue 14): known, left to their defaults.
        "categorie" or "category" or "partenaire" or "partner" or "secteur" or "area" => [],
        // Survey results (issue 12): zone left to its default; free texts asked for (no survey exists in the fixture).
        "zone" or "merci" => [],
        // Incident photos (issue 14): no photo holds a marker; known, left to its default.
        "photoid" => [],
        "textes" => ["true"],
        // Survey responses (issue 12): the response corrected, the resp_id searched, a deletion motive; none exists in the fixture.
        "reponse" or "resp" or "respid" or "reason" => [],
        // Diagnostic (issue 12): drafts of a territory, a sub-area's draft, a public PDF's diagnostic; known, left to their defaults.
        "level" or "areaid" or "diagnosticid" or "fileid" or "version" => [],
        // Diagnostic comparison (issue 12 §5): version numbers; none exists in the fixture, the route is still exercised.
        "de" or "vers" => ["1"],
        // Survey waves compared (issue 12): the other wave; none exists in the fixture.
        "avec" or "with" => [],
        // Known, not about meetings: left to their defaults.
        "from" or "to" or "status" or "statut" or "edition" or "comparer" or "indicator" or "indicateur" or "niveau" or "code" or "departement"
            or "limit" or "offset" or "type" or "page" or "predecessor" or "returnurl" or "userid" or "invitation" or "obligatoire" or "numero" => [],
        "erreur" => ["proconnect", "proconnect-deconnexion"], // login page: ProConnect's answer could not be used (issue 16)
        "pagesize" => ["2"], // incident inbox paging (issue 14)
        "groupe" or "group" => [CaseGroup.ToString()], // the follow-up's audit log filtered by group (issue 13, DPO)
        "membre" or "user" => [], // the follow-up's audit log filtered by user: known, left to its default
        "remplacer" => [], // incident routing zones page: the zone to replace (none in the fixture)
        "autorisation" => [VideoAuthorisation.ToString()], // video register: the authorisation being edited (issue 15 item 8)
        "camera" or "enregistreur" or "demande" => [], // video register: the camera, recorder or request being edited (issue 15); none holds a marker
        // A recommendation's draft fiche action (issue 15 item 4): posted form fields, known, left to their defaults.
        "recommendationid" or "intothiscontract" => [],
        _ => null,
    };
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>
/// Read audit (issue 9): opening restricted content, downloading packs and exports, searching and pulling feeds are
/// recorded with who, from where and with which credential; the journal is for DPOs and administrators only.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReadAuditTests(VigieFactory factory)
{
    private sealed record Restricted(GovernanceSetup S, Guid Meeting, string Secret);
    private const string ClientIp = "203.0.113.7";

    private sealed class Shifted(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }

    private sealed class ClientAddress(string ip) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private async Task<Restricted> RestrictedMeetingAsync()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("restricted", "restricted");
        await s.SeatAsync(body, s.Partner.Id);
        var secret = TestData.Unique("Confidentiel");
        var meeting = await s.MeetingAsync(body, title: "Formation restreinte");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/meetings/{meeting}/minutes",
            new { minutes = $"Échanges sur {secret}", visibility = "restricted" })).StatusCode);
        return new Restricted(s, meeting, secret);
    }

    private Task<List<AuditEvent>> EventsAsync(string kind, Guid userId) =>
        factory.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.Kind == kind && e.UserId == userId).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task MeetingPage_RestrictedMinutesOpened_RecordsUserIpContractAndSession()
    {
        var r = await RestrictedMeetingAsync();
        // TestServer has no client address: this host gives its requests one, as Kestrel would.
        await using var withAddress = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ClientAddress(ClientIp))));
        var partner = new PageClient(withAddress.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        Assert.Equal(HttpStatusCode.Redirect, (await partner.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = r.S.Partner.Email, ["Input.Password"] = r.S.Partner.Password })).StatusCode);
        var html = await partner.Http.GetStringAsync($"/contrats/{r.S.Contract.Id}/reunions/{r.Meeting}");
        Assert.Contains(r.Secret, html, StringComparison.Ordinal);

        var e = Assert.Single(await EventsAsync(AuditKinds.RestrictedMeetingRead, r.S.Partner.Id));
        Assert.Equal(r.S.Contract.Id, e.ContractId);
        Assert.Equal(r.Meeting.ToString(), e.EntityId);
        Assert.Equal(ClientIp, e.IpAddress);
        Assert.Equal(AuditVia.Session, e.Via);
        Assert.Equal(r.S.Partner.OrganisationId, e.ActorOrganisationId);
        Assert.Equal(AuditOutcomes.Success, e.Outcome);
        Assert.DoesNotContain(r.Secret, e.Data ?? "", StringComparison.Ordinal);

        // A reader who does not see the content leaves no read event.
        var reader = await PageClient.SignedInAsync(factory, r.S.Reader);
        await reader.Http.GetStringAsync($"/contrats/{r.S.Contract.Id}/reunions/{r.Meeting}");
        Assert.Empty(await EventsAsync(AuditKinds.RestrictedMeetingRead, r.S.Reader.Id));
    }

    [Fact]
    public async Task MeetingApi_RestrictedMinutesByToken_RecordsTheTokenId()
    {
        var r = await RestrictedMeetingAsync();
        var text = await r.S.PartnerApi.GetStringAsync($"{r.S.Base}/meetings/{r.Meeting}");
        Assert.Contains(r.Secret, text, StringComparison.Ordinal);

        var tokenId = await factory.WithDb(db => db.AccessTokens.Where(t => t.UserId == r.S.Partner.Id).Select(t => t.Id).SingleAsync());
        var e = Assert.Single(await EventsAsync(AuditKinds.RestrictedMeetingRead, r.S.Partner.Id));
        Assert.Equal(AuditVia.Token, e.Via);
        Assert.Equal(tokenId.ToString(), e.CredentialId);
        Assert.Equal(r.S.Contract.Id, e.ContractId);
    }

    [Fact]
    public async Task PackDownloadAndPlanCsvExport_AreRecorded()
    {
        var r = await RestrictedMeetingAsync();
        var pack = await r.S.CoordinatorApi.GetAsync($"{r.S.Base}/meetings/{r.Meeting}/packs/before");
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        var e = Assert.Single(await EventsAsync(AuditKinds.MeetingPackDownloaded, r.S.Coordinator.Id));
        Assert.Equal(r.Meeting.ToString(), e.EntityId);
        Assert.Contains("Before", e.Data, StringComparison.Ordinal);

        var csv = await r.S.CoordinatorApi.GetAsync($"{r.S.Base}/plan/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var export = Assert.Single(await EventsAsync(AuditKinds.ExportDownloaded, r.S.Coordinator.Id));
        Assert.Equal(r.S.Contract.Id, export.ContractId);
        Assert.Contains("\"format\":\"csv\"", export.Data, StringComparison.Ordinal);

        var page = await PageClient.SignedInAsync(factory, r.S.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync($"/contrats/{r.S.Contract.Id}/plan/import?handler=Export&format=csv")).StatusCode);
        Assert.Equal(2, (await EventsAsync(AuditKinds.ExportDownloaded, r.S.Coordinator.Id)).Count);
    }

    [Fact]
    public async Task MeetingSearch_RecordsTheResultCountNeverTheQuery()
    {
        var r = await RestrictedMeetingAsync();
        var hits = await r.S.PartnerApi.GetFromJsonAsync<System.Text.Json.JsonElement>($"{r.S.Base}/meetings/search?q={r.Secret}");
        Assert.Equal(1, hits.GetArrayLength());
        var e = Assert.Single(await EventsAsync(AuditKinds.MeetingSearched, r.S.Partner.Id));
        Assert.Contains("\"results\":1", e.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Secret, e.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_NonDpoNonAdmin_IsRefused()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        foreach (var url in new[] { "/journal-audit", "/journal-audit?handler=csv" })
        {
            var response = await client.Http.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/compte/acces-refuse", StringComparison.Ordinal)),
                $"{url} → {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task Journal_Dpo_SeesFilteredEventsAndDownloadsFormulaSafeCsv()
    {
        var r = await RestrictedMeetingAsync();
        var partner = await PageClient.SignedInAsync(factory, r.S.Partner);
        await partner.Http.GetStringAsync($"/contrats/{r.S.Contract.Id}/reunions/{r.Meeting}");
        var dpo = await factory.UserAsync(null, Roles.DataProtectionOfficer);
        var client = await PageClient.SignedInAsync(factory, dpo);

        var query = $"utilisateur={Uri.EscapeDataString(r.S.Partner.Email)}&contrat={r.S.Contract.Id}&type={AuditKinds.RestrictedMeetingRead}";
        var doc = await client.GetDocumentAsync($"/journal-audit?{query}");
        var table = doc.QuerySelector("table")!;
        Assert.Contains("Événements du journal d'audit", table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Single(rows);
        Assert.Contains(AuditKinds.RestrictedMeetingRead, rows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Secret, doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("label[for=utilisateur]"));

        var csv = await client.Http.GetAsync($"/journal-audit?handler=csv&{query}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains(r.Meeting.ToString(), lines[1], StringComparison.Ordinal);
        Assert.Contains(r.S.Partner.Email, lines[1], StringComparison.Ordinal);
        Assert.Single(await EventsAsync(AuditKinds.AuditLogExported, dpo.Id));

        // Bad filter: French message, no 500.
        var bad = await client.Http.GetStringAsync("/journal-audit?du=2026-05-02&au=2026-05-01");
        Assert.Contains("La date de début doit précéder la date de fin.", PageClient.Parse(bad).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void JournalCsv_CellsStartingWithFormulaCharacters_ArePrefixed()
    {
        var row = new Web.Features.Audit.JournalModel.Row(1, 1, DateTimeOffset.UnixEpoch, "=cmd|'/c calc'!A1", null, "+33@x", null, "-role", null, "@SUM(A1)", "\tx", "\rY", null, "success", null, null, null, null);
        var text = System.Text.Encoding.UTF8.GetString(Web.Features.Audit.JournalModel.Csv([row]));
        var cells = text.Split('\n')[1];
        Assert.Contains("'=cmd", cells, StringComparison.Ordinal);
        Assert.Contains("'+33@x", cells, StringComparison.Ordinal);
        Assert.Contains("'-role", cells, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", cells, StringComparison.Ordinal);
        Assert.DoesNotContain(";=cmd", cells, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_SealedEvents_VerifyAndATamperedRowIsDetected()
    {
        var r = await RestrictedMeetingAsync();
        var chain = factory.Services.GetRequiredService<AuditChain>();
        await chain.SealAsync();
        var ok = await chain.VerifyAsync();
        Assert.True(ok.Valid, ok.Reason);
        Assert.True(ok.Checked > 0);

        var target = await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.MinutesSaved && e.UserId == r.S.Coordinator.Id)
            .Select(e => new { e.Id, e.Sequence, e.Data }).SingleAsync());
        Assert.NotNull(target.Sequence);
        await factory.WithDb(db => db.AuditEvents.Where(e => e.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Data, "{\"visibility\":\"Public\"}")));
        try
        {
            var broken = await chain.VerifyAsync();
            Assert.False(broken.Valid);
            Assert.Equal(target.Sequence, broken.BrokenAtSequence);
        }
        finally
        {
            await factory.WithDb(db => db.AuditEvents.Where(e => e.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Data, target.Data)));
        }
        Assert.True((await chain.VerifyAsync()).Valid);
    }

    [Fact]
    public async Task GrantingAPlatformRole_EmailsTheDpo()
    {
        var dpo = await factory.UserAsync(null, Roles.DataProtectionOfficer);
        var admin = await factory.AdminAsync();
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var response = await client.PostFormAsync($"/admin/utilisateurs/{user.Id}", new()
        {
            ["Input.FullName"] = "Compte Promu", ["Input.OrganisationId"] = user.OrganisationId.ToString(), ["Input.Roles"] = Roles.DataProtectionOfficer,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The new DPO opens the journal (the role is granted on the ordinary user page).
        var promoted = await PageClient.SignedInAsync(factory, user);
        Assert.Equal(HttpStatusCode.OK, (await promoted.Http.GetAsync("/journal-audit")).StatusCode);
        Assert.Empty(factory.MailsTo(dpo.Email));

        await factory.Services.GetRequiredService<AuditChain>().SealAsync();
        var mail = Assert.Single(factory.MailsTo(dpo.Email), m => m.Body.Contains(user.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains("rôle de plateforme attribué", mail.Body, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/journal-audit", mail.Body, StringComparison.Ordinal);

        // Sealing again sends nothing more: one alert per event.
        await factory.Services.GetRequiredService<AuditChain>().SealAsync();
        Assert.Single(factory.MailsTo(dpo.Email), m => m.Body.Contains(user.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CalendarFeedPulled_RecordsTheFeedIdAndItsOwner()
    {
        var user = await factory.UserAsync();
        await CalendarFeedTests.FeedAsync(factory, user);
        var feedId = await factory.WithDb(db => db.CalendarFeeds.Where(f => f.UserId == user.Id).Select(f => f.Id).SingleAsync());
        var e = Assert.Single(await EventsAsync(AuditKinds.CalendarFeedPulled, user.Id));
        Assert.Equal(AuditVia.Feed, e.Via);
        Assert.Equal(feedId.ToString(), e.CredentialId);
    }

    [Fact]
    public async Task Chain_ConcurrentSealers_ProduceOneValidChain()
    {
        await RestrictedMeetingAsync(); // a few dozen unsealed events
        var chain = factory.Services.GetRequiredService<AuditChain>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => chain.SealAsync())));
        await chain.SealAsync(); // whatever a yielding sealer left
        Assert.False(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Sequence == null)));
        var result = await chain.VerifyAsync();
        Assert.True(result.Valid, result.Reason);
    }

    [Fact]
    public async Task Purge_RemovesOldEventsAsAChainPrefix_AndTheRestStillVerifies()
    {
        // Its own database: the purge must not remove the events other tests of the shared database look for.
        var own = new VigieFactory();
        await own.InitializeAsync();
        try
        {
            await own.WithScope(async sp =>
            {
                var auditor = sp.GetRequiredService<Auditor>();
                for (var i = 0; i < 3; i++) auditor.Record(AuditKinds.ContractEdited, data: new { i });
                await sp.GetRequiredService<Vigie.Web.Data.AppDbContext>().SaveChangesAsync();
                var recent = auditor.Create(AuditKinds.ContractEdited, data: new { recent = true });
                recent.OccurredAt = DateTimeOffset.UtcNow.AddDays(100);
                var db = sp.GetRequiredService<Vigie.Web.Data.AppDbContext>();
                db.AuditEvents.Add(recent);
                await db.SaveChangesAsync();
            });
            var chain = own.Services.GetRequiredService<AuditChain>();
            Assert.Equal(4, await chain.SealAsync());

            // Seen from 400 days ahead with a 365-day retention, the first three events are too old, the fourth is kept.
            var purger = new AuditChain(own.Services.GetRequiredService<IServiceScopeFactory>(), own.Services.GetRequiredService<IMailer>(), own.Services.GetRequiredService<Vigie.Web.Infrastructure.PublicLinks>(), new Shifted(TimeSpan.FromDays(400)),
                Microsoft.Extensions.Options.Options.Create(new AuditOptions { RetentionDays = 365 }), Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditChain>.Instance);
            Assert.Equal(3, await purger.PurgeAsync());
            Assert.Equal(0, await purger.PurgeAsync()); // claimed once a day

            var left = await own.WithDb(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Kind, e.Sequence, e.Data }).ToListAsync());
            Assert.Equal(2, left.Count);
            Assert.Equal(4, left[0].Sequence);
            Assert.Contains("recent", left[0].Data, StringComparison.Ordinal);
            Assert.Equal(AuditKinds.AuditPurged, left[1].Kind);
            var head = await own.WithDb(db => db.AuditChainHeads.AsNoTracking().SingleAsync());
            Assert.Equal(3, head.PurgedThroughSequence);
            await chain.SealAsync();
            var result = await chain.VerifyAsync();
            Assert.True(result.Valid, result.Reason);
            Assert.Equal(2, result.Checked);
        }
        finally
        {
            await ((IAsyncLifetime)own).DisposeAsync();
        }
    }
}

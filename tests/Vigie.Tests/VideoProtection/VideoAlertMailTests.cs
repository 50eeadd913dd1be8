using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.VideoProtection;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>
/// The daily job's alerts mailed to the contract's coordinators through the outbox, once per alert across runs and
/// instances, with ids and a link only; and the purge of extraction register lines older than three years (V5).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoAlertMailTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;

    private VideoDailyJob Job => factory.Services.GetRequiredService<VideoDailyJob>();

    [Fact]
    public async Task OverdueAccessRequest_IsAlerted_AndMailedToTheCoordinatorsOnce()
    {
        var s = await factory.VideoSetupAsync();
        var now = DateTimeOffset.UtcNow;
        var request = await s.CoordinatorApi.CreatedAsync($"{s.Base}/access-requests", new
        {
            reference = "DA-SECRET-41", receivedOn = Today.AddDays(-40), identityChecked = true, slotFrom = now.AddDays(-41), slotTo = now.AddDays(-41).AddMinutes(30), @object = "Visionnage",
        });

        var other = new VideoDailyJob(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<JobRuns>(), factory.Clock,
            factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<VideoDailyJob>>());
        await Job.CheckAsync();
        await Task.WhenAll(Job.CheckAsync(), other.CheckAsync());

        Assert.Equal([VideoAlertKind.AccessRequestOverdue], await factory.WithDb(db => db.VideoAlerts.Where(a => a.SubjectId == request).Select(a => a.Kind).ToListAsync()));
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoAccessRequestOverdue && e.EntityId == request.ToString())));
        var mail = Assert.Single(factory.MailsTo(s.Coordinator.Email), m => m.Subject.Contains("Demande d'accès aux images", StringComparison.Ordinal));
        Assert.Contains(request.ToString(), mail.Body);
        Assert.Contains($"/contrats/{s.Contract.Id}/", mail.Link($"/contrats/{s.Contract.Id}/"));
        Assert.DoesNotContain("DA-SECRET-41", mail.Body + mail.Subject);
        Assert.Empty(factory.MailsTo(s.Reader.Email));
    }

    [Fact]
    public async Task RetentionBreach_TwoRuns_OneMail()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var recorder = await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", new { authorisationId = auth, name = "NVR-SECRET", retentionDays = 15 });
        await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/recorders/{recorder}/purge-check", new { checkedOn = Today, oldestImageAt = DateTimeOffset.UtcNow.AddDays(-20) });
        await Job.CheckAsync();
        await Job.CheckAsync();
        var mails = factory.MailsTo(s.Coordinator.Email).Where(m => m.Body.Contains(recorder.ToString(), StringComparison.Ordinal)).ToList();
        var mail = Assert.Single(mails);
        Assert.Contains("Dépassement de la durée de conservation", mail.Subject);
        Assert.DoesNotContain("NVR-SECRET", mail.Body);
    }

    [Fact]
    public async Task ExtractionLines_OlderThanThreeYears_ArePurgedAndAudited()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync(retention: 15);
        var camera = (await (await s.CameraAsync(auth, state: "EnService", prefectInformedOn: Today)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        async Task<Guid> ExtractionAsync() => await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", new
        {
            operatorName = "Opérateur", operatorRole = "CSU", cameraIds = new[] { camera }, from = now.AddHours(-2), to = now.AddHours(-1),
            reason = "ConstatOperateur", recipient = "Service", medium = "Securise",
        });
        var old = await ExtractionAsync();
        var recent = await ExtractionAsync();
        await factory.WithDb(async db =>
        {
            (await db.VideoExtractions.SingleAsync(e => e.Id == old)).At = now.AddYears(-2);
            return await db.SaveChangesAsync();
        });
        try
        {
            Assert.Equal(0, await factory.WithDb(db => db.VideoExtractions.CountAsync(e => e.Id == old && e.At < now.AddYears(-3))));
            factory.Clock.Advance(TimeSpan.FromDays(367)); // the old line is now more than three years old, the recent one is not
            Assert.True(await Job.PurgeExtractionsAsync() >= 1);
            var left = await factory.WithDb(db => db.VideoExtractions.Where(e => e.ContractId == s.Contract.Id).Select(e => e.Id).ToListAsync());
            Assert.Equal([recent], left);
            var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKinds.VideoExtractionsPurged && e.ContractId == s.Contract.Id));
            Assert.Contains("\"count\":1", audit.Data ?? "");
        }
        finally
        {
            factory.Clock.Reset();
        }
    }
}

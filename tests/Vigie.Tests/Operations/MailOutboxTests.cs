using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Operations;

/// <summary>Issue 16 item 3: mail goes through the outbox table, sent by a worker with retries, once across instances.</summary>
[Collection(AppCollection.Name)]
public sealed class MailOutboxTests(VigieFactory factory)
{
    private static int MailsWithSubject(VigieFactory f, string subject) =>
        MailAttachments.Load(f.MailFolder).Count(m => m.Message.Subject == subject);

    [Fact]
    public async Task Enqueue_WhenTheChangeFailsToSave_WritesNoMail()
    {
        var subject = TestData.Unique("atomique");
        await factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            sp.GetRequiredService<MailOutbox>().Enqueue("quelqu-un@example.org", subject, "Texte", null, []);
            // The change that causes the mail fails: a token of a user that does not exist (foreign key).
            db.AccessTokens.Add(new PersonalAccessToken { UserId = Guid.NewGuid(), Name = "x", TokenHash = Guid.NewGuid().ToString("N"), Prefix = "x" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        Assert.Equal(0, await factory.WithDb(db => db.OutboxMessages.CountAsync(m => m.Subject == subject)));
        factory.DrainOutbox();
        Assert.Equal(0, MailsWithSubject(factory, subject));
    }

    [Fact]
    public async Task ForgotPassword_QueuesTheMail_OnlyTheSenderDeliversIt()
    {
        var user = await factory.UserAsync();
        var response = await PageClient.Create(factory).PostFormAsync("/compte/mot-de-passe-oublie", new() { ["Input.Email"] = user.Email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var queued = await factory.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == user.Email));
        Assert.Equal(OutboxStatus.Pending, queued.Status);
        Assert.DoesNotContain(MailAttachments.Load(factory.MailFolder), m => m.Message.To.ToString().Contains(user.Email, StringComparison.OrdinalIgnoreCase));

        Assert.True(factory.DrainOutbox() >= 1);

        var mail = Assert.Single(factory.MailsTo(user.Email));
        Assert.Contains("/compte/reinitialiser", mail.Body);
        var sent = await factory.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == queued.Id));
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Null(sent.LockedBy);
    }

    [Fact]
    public async Task TwoSenders_RunningTogether_SendEachMessageOnce()
    {
        var subject = TestData.Unique("concurrence");
        var ids = new List<Guid>();
        await factory.WithScope(async sp =>
        {
            var outbox = sp.GetRequiredService<MailOutbox>();
            for (var i = 0; i < 30; i++) ids.Add(outbox.Enqueue($"destinataire{i}@example.org", subject, $"Message {i}", null, []).Id);
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });
        OutboxSender Sender(string name) => new(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<SmtpMailer>(),
            factory.Services.GetRequiredService<TimeProvider>(), factory.Services.GetRequiredService<IOptions<OutboxOptions>>(),
            factory.Services.GetRequiredService<ILogger<OutboxSender>>()) { InstanceId = name };

        var counts = await Task.WhenAll(Task.Run(() => Sender("instance-a").RunOnceAsync()), Task.Run(() => Sender("instance-b").RunOnceAsync()));

        var delivered = MailAttachments.Load(factory.MailFolder).Where(m => m.Message.Subject == subject).Select(m => m.Message.MessageId).ToList();
        Assert.Equal(30, delivered.Count);
        Assert.Equal(ids.Select(i => $"{i:N}@vigie").Order(), delivered.Order());
        Assert.Equal(30, counts.Sum());
        Assert.Equal(30, await factory.WithDb(db => db.OutboxMessages.CountAsync(m => m.Subject == subject && m.Status == OutboxStatus.Sent && m.Attempts == 1)));
    }

    [Fact]
    public async Task SmtpServerDown_RetriesWithBackoff_ThenFailureListedForAdministratorsWhoRetry()
    {
        // A loopback port nobody listens on: every connection is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var app = new VigieFactory();
        app.Settings["Mail:PickupDirectory"] = "";
        app.Settings["Mail:SmtpHost"] = "127.0.0.1";
        app.Settings["Mail:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Mail:SmtpSsl"] = "false";
        app.Settings["Mail:Outbox:MaxAttempts"] = "3";
        app.Settings["Mail:Outbox:FirstRetrySeconds"] = "60";
        await app.InitializeAsync();
        try
        {
            var subject = TestData.Unique("panne");
            var id = Guid.Empty;
            await app.WithScope(async sp =>
            {
                id = sp.GetRequiredService<MailOutbox>().Enqueue("agent@example.org", subject, "Texte", null, []).Id;
                await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            });
            Task<OutboxMessage> Row() => app.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

            var before = app.Clock.GetUtcNow();
            Assert.Equal(0, app.DrainOutbox());
            var after = app.Clock.GetUtcNow();
            var first = await Row();
            Assert.Equal((OutboxStatus.Pending, 1), (first.Status, first.Attempts));
            Assert.InRange(first.NextAttemptAt, before.AddSeconds(60), after.AddSeconds(60));
            Assert.StartsWith("network", first.LastError);

            app.DrainOutbox(); // not due yet: no attempt
            Assert.Equal(1, (await Row()).Attempts);

            app.Clock.Advance(TimeSpan.FromSeconds(61));
            before = app.Clock.GetUtcNow();
            app.DrainOutbox();
            after = app.Clock.GetUtcNow();
            var second = await Row();
            Assert.Equal((OutboxStatus.Pending, 2), (second.Status, second.Attempts));
            Assert.InRange(second.NextAttemptAt, before.AddSeconds(120), after.AddSeconds(120)); // doubled

            app.Clock.Advance(TimeSpan.FromSeconds(121));
            app.DrainOutbox();
            Assert.Equal((OutboxStatus.Failed, 3), ((await Row()).Status, (await Row()).Attempts));

            var admin = await PageClient.SignedInAsync(app, await app.AdminAsync());
            var page = await admin.GetDocumentAsync("/admin/courriels");
            Assert.Contains(subject, page.Body!.TextContent);
            Assert.Contains("Courriels en échec", page.Body.TextContent);

            var retry = await admin.PostFormAsync("/admin/courriels?handler=Retry", new() { ["messageId"] = id.ToString() }, "/admin/courriels");
            Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
            var again = await Row();
            Assert.Equal((OutboxStatus.Pending, 0), (again.Status, again.Attempts));
            Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.MailRetried && e.EntityId == id.ToString())));
            Assert.DoesNotContain(subject, (await admin.GetDocumentAsync("/admin/courriels")).Body!.TextContent);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Purge_OnceADayAcrossPasses_DeletesOldSentAndOldFailedMessages_KeepsRecentOnes()
    {
        var app = new VigieFactory();
        await app.InitializeAsync();
        try
        {
            app.Clock.Advance(TimeSpan.FromDays(1)); // a day of its own, whatever ran at start-up
            var now = app.Clock.GetUtcNow();
            var subject = TestData.Unique("purge");
            OutboxMessage Row(OutboxStatus status, int daysAgo) => new()
            {
                Id = Guid.NewGuid(), CreatedAt = now.AddDays(-daysAgo - 1), Recipient = "agent@example.org", Subject = subject, Content = [1, 2, 3],
                Status = status, Attempts = 1, NextAttemptAt = now.AddDays(-daysAgo), SentAt = status == OutboxStatus.Sent ? now.AddDays(-daysAgo) : null,
            };
            async Task<Guid[]> AddAsync(params OutboxMessage[] rows)
            {
                await app.WithDb(db => { db.OutboxMessages.AddRange(rows); return db.SaveChangesAsync(); });
                return [.. rows.Select(r => r.Id)];
            }
            Task<List<Guid>> RemainingAsync() => app.WithDb(db => db.OutboxMessages.Where(m => m.Subject == subject).Select(m => m.Id).ToListAsync());

            var oldSent = await AddAsync(Row(OutboxStatus.Sent, 8));
            var recentSent = await AddAsync(Row(OutboxStatus.Sent, 2));
            var oldFailed = await AddAsync(Row(OutboxStatus.Failed, 31)); // a body with a reset link, given up a month ago
            var recentFailed = await AddAsync(Row(OutboxStatus.Failed, 3));

            app.DrainOutbox();
            Assert.Equal(recentSent.Concat(recentFailed).Order(), (await RemainingAsync()).Order());

            // Further passes of the same day do not purge again (the day's run is claimed once, across instances).
            var laterSent = await AddAsync(Row(OutboxStatus.Sent, 20));
            app.DrainOutbox();
            Assert.Contains(laterSent[0], await RemainingAsync());

            app.Clock.Advance(TimeSpan.FromDays(1));
            app.DrainOutbox();
            Assert.DoesNotContain(laterSent[0], await RemainingAsync());
            Assert.Equal(2, await app.WithDb(db => db.JobRuns.CountAsync(r => r.Name == OutboxSender.PurgeJob && r.FinishedAt != null && r.StartedAt >= now)));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}

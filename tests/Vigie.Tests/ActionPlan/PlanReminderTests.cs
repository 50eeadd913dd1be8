using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.ActionPlan;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanReminderTests(VigieFactory factory)
{
    [Fact]
    public async Task RunOnce_TwoConcurrentRuns_SendOneMailPerItemAndRecipient()
    {
        var p = await factory.PlanFixtureAsync();
        var today = TestDates.Today;
        var priority = await p.ItemAsync("priority", "Axe");
        var action = await p.ItemAsync("action", TestData.Unique("Médiation"), priority);
        var late = TestData.Unique("Recrutement");
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/milestones", new { title = late, dueOn = today.AddDays(-2).ToString("yyyy-MM-dd"), ownerOrganisationId = p.PartnerX.OrganisationId });
        var soon = TestData.Unique("Vidéo");
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/commitments", new { organisationId = p.PartnerY.OrganisationId, what = soon, dueDate = today.AddDays(3).ToString("yyyy-MM-dd") });
        var done = TestData.Unique("Fait");
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{action}/milestones", new { title = done, dueOn = today.AddDays(-5).ToString("yyyy-MM-dd"), doneOn = today.AddDays(-6).ToString("yyyy-MM-dd"), ownerOrganisationId = p.PartnerX.OrganisationId });

        var reminders = factory.Services.GetRequiredService<PlanReminders>();
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(reminders.RunOnceAsync(now), reminders.RunOnceAsync(now));
        await reminders.RunOnceAsync(now.AddHours(1));

        var toX = factory.MailsTo(p.PartnerX.Email);
        var mail = Assert.Single(toX);
        Assert.Contains("Échéance dépassée", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(late, mail.Body, StringComparison.Ordinal);
        Assert.Contains($"/contrats/{p.Contract.Id}/plan/elements/{action}", mail.Body, StringComparison.Ordinal);
        var toY = Assert.Single(factory.MailsTo(p.PartnerY.Email));
        Assert.Contains(soon, toY.Body, StringComparison.Ordinal);
        Assert.StartsWith("Échéance le", toY.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.MailsTo(p.PartnerX.Email), m => m.Body.Contains(done, StringComparison.Ordinal));
        Assert.Empty(factory.MailsTo(p.Reader.Email));
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>Issue 15 item 5: the public page and PDF appear once presented in plenary, without any restricted plan item; the PDF reads back.</summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationPublicTests(VigieFactory factory)
{
    [Fact]
    public async Task PublicReport_AfterPlenary_HasNoRestrictedItem_AndPdfReadsBack()
    {
        var s = await factory.EvaluatedContractAsync();
        var secret = TestData.Unique("Surveillance discrète");
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 90, 75);
        var restricted = await factory.ActionAsync(s, secret, 10, 5, 4);
        await factory.WithDb(async db =>
        {
            (await db.PlanItems.FindAsync(restricted))!.Visibility = MinutesVisibility.Restricted;
            (await db.Contracts.FindAsync(s.Contract.Id))!.IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var id = await s.EvaluationAsync();
        var anonymous = factory.CreateClient();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(publicUrl)).StatusCode);

        // Members (the coordinator) see the restricted item; the read is audited.
        var member = (await s.ReportAsync(id)).GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();
        Assert.Contains(secret, member);
        var memberPdf = await PdfText.FlatAsync(await s.Api.GetByteArrayAsync($"{s.Base}/evaluations/{id}/pdf"));
        Assert.Contains("tous les objectifs atteints : 2 sur 2", memberPdf);
        Assert.Contains("Source :", memberPdf);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == "read.evaluation-report" && e.ContractId == s.Contract.Id)));

        await factory.ValidateAsync(s.Api, s.Contract.Id, id, present: true);

        var html = await anonymous.GetStringAsync(publicUrl);
        var text = PageClient.Parse(html).Body!.TextContent;
        Assert.Contains("Médiation de nuit", text);
        Assert.Contains("tous les objectifs atteints : 1 sur 1", text);
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(publicUrl + "?handler=Pdf"));
        Assert.Contains("Médiation de nuit", pdf);
        Assert.Contains("présentée en plénière", pdf);
        Assert.DoesNotContain(secret, pdf, StringComparison.Ordinal);
    }
}

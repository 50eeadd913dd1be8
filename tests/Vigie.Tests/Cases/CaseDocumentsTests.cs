using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13 items 2 and 7: the only documents naming a person are about one sheet — the watermarked sheet PDF
/// (coordinator and référent), the notice letter and the person's own export without third-party data — read back
/// with pdftotext, each audited as a read and as a print.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseDocumentsTests(VigieFactory factory)
{
    private Task<string> NameOfAsync(CaseRole role) => factory.WithDb(db => db.Users.Where(u => u.Id == role.User!.Id).Select(u => u.FullName).SingleAsync());

    [Fact]
    public async Task TheSheetPdf_IsWatermarkedWithTheReaderOnEveryPage_Audited_AndRefusedToAMember()
    {
        await using var s = await CreateAsync(factory);
        var referent = s.Role(Referent);
        Task<List<string>> RowsOfAsync(Guid user) => factory.WithDb(db => db.AuditEvents.Where(e => e.EntityId == s.SheetOnAgenda.ToString() && e.UserId == user)
            .OrderBy(e => e.Id).Select(e => e.Kind + " " + e.Data).ToListAsync());
        var before = (await RowsOfAsync(referent.User!.Id)).Count;
        var response = await referent.Api.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync(), layout: false);
        var reader = await NameOfAsync(referent);
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, p =>
        {
            Assert.Contains("Confidentiel — charte déontologique", p, StringComparison.Ordinal);
            Assert.Contains(reader, p, StringComparison.Ordinal);
        });
        Assert.Contains(s.Surname, text, StringComparison.Ordinal);
        Assert.Contains(Culture.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), Culture.Paris).DateTime)), text, StringComparison.Ordinal);

        // The same through the page, for the coordinator; a member reading the sheet in the need-to-know window may not print it.
        var page = await s.Role(Coordinator).Pages.GetAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}?handler=Pdf");
        Assert.Equal("application/pdf", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Api.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Member).Pages.GetAsync($"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}?handler=Pdf")).StatusCode);

        var events = await factory.WithDb(db => db.AuditEvents.Where(e => e.EntityId == s.SheetOnAgenda.ToString()).Select(e => new { e.Kind, e.UserId, e.Data, e.Outcome }).ToListAsync());
        Assert.Contains(events, e => e.Kind == AuditKinds.CaseSheetPrinted && e.UserId == referent.User!.Id && e.Data!.Contains("\"document\":\"sheet\"", StringComparison.Ordinal));
        // The sheet is opened once, at tier 3: the print is the request's one audit row (no extra "viewed" rows).
        var rows = (await RowsOfAsync(referent.User!.Id)).Skip(before).ToList();
        var row = Assert.Single(rows);
        Assert.StartsWith(AuditKinds.CaseSheetPrinted, row, StringComparison.Ordinal);
        Assert.Contains("\"tier\":\"T3\"", row, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == AuditKinds.CasePermissionDenied && e.UserId == s.Role(Member).User!.Id);
        Assert.DoesNotContain(events, e => e.Kind == AuditKinds.CaseSheetPrinted && e.UserId == s.Role(Member).User!.Id);
        Assert.DoesNotContain(events, e => (e.Data ?? "").Contains(s.Surname, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ThePersonsExport_HoldsTheirOwnData_WithoutThirdParties_AndOnlyTheCoordinatorMakesIt()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).Api;
        const string note = "Rendez-vous tenu avec Monsieur Tiersnommé au collège.";
        await Ok(coordinator.PostAsJsonAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/actions",
            new { type = "schoolSupport", carrierInstitution = "school", startedOn = "2026-01-05", result = "inProgress", note }));
        await Ok(coordinator.PostAsJsonAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/measures", new { type = "reparation", service = "pjj", startedOn = "2026-01-05" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await s.Role(Referent).Api.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/export")).StatusCode);
        var response = await coordinator.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await PdfText.FlatAsync(await response.Content.ReadAsByteArrayAsync());
        foreach (var own in new[] { s.Surname, s.FirstName, "Lilas", "raccrochage", "réparation", "CNIL" })
            Assert.True(text.Contains(own, StringComparison.OrdinalIgnoreCase), $"« {own} » absent de : {text}");
        // No representative, no member, no note written by a professional, no meeting title.
        foreach (var third in new[] { "Claire", "Tiersnommé", await NameOfAsync(s.Role(Referent)), await NameOfAsync(s.Role(Coordinator)), "06 98 76 54 32" })
            Assert.DoesNotContain(third, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == AuditKinds.CaseSheetPrinted && e.EntityId == s.SheetOnAgenda.ToString()).Select(e => e.Data).ToListAsync()),
            d => d!.Contains("access-export", StringComparison.Ordinal));

        // The notice letter goes to the legal representatives of a minor.
        var letter = await PdfText.FlatAsync(await (await coordinator.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}/notice-letter")).Content.ReadAsByteArrayAsync());
        Assert.Contains($"Claire {s.Surname}", letter, StringComparison.Ordinal);
        Assert.Contains("Réclamation", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonalDocument_NeverLeavesForAnotherAudience_ThanTheReaderAskingForIt()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator).User!;
        using var scope = factory.Services.CreateScope();
        var http = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        http.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, coordinator.Id.ToString())], "Test")),
        };
        var documents = scope.ServiceProvider.GetRequiredService<Vigie.Web.Features.Cases.CaseDocuments>();
        // The documents are built for the signed-in reader only (no audience parameter): the egress rule refuses any other.
        Assert.False(Vigie.Web.Features.Shared.Egress.MayLeaveAsPersonalDocument(1, Vigie.Web.Features.Shared.AudienceKind.PersonalAddress));
        Assert.False(Vigie.Web.Features.Shared.Egress.MayLeaveAsPersonalDocument(2, Vigie.Web.Features.Shared.AudienceKind.Reader));
        var read = await documents.BuildAsync(s.ContractId, s.GroupA, s.SheetOnAgenda, Vigie.Web.Features.Cases.CaseDocumentKind.Sheet);
        Assert.True(read.Succeeded);
        var printed = await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CaseSheetPrinted && e.EntityId == s.SheetOnAgenda.ToString() && e.UserId == coordinator.Id));
        Assert.Equal(1, printed);
    }

    [Fact]
    public async Task TheOpenApiDocument_DeclaresTheIdleTimeout401_AndThePdfRoutes400()
    {
        using var doc = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var route in new[] { "pdf", "notice-letter", "export" })
        {
            var responses = paths.GetProperty($"/api/v1/contracts/{{id}}/case-groups/{{groupId}}/sheets/{{sheetId}}/{route}").GetProperty("get").GetProperty("responses");
            Assert.True(responses.TryGetProperty("400", out _), route);
            Assert.True(responses.TryGetProperty("401", out _), route);
        }
        Assert.True(paths.GetProperty("/api/v1/contracts/{id}/case-groups").GetProperty("get").GetProperty("responses").TryGetProperty("401", out _));
    }
}

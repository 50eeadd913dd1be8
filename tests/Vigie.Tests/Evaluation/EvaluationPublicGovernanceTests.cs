using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 items 3 and 5: the public evaluation report (page and PDF) counts only the meetings the public may read — a
/// restricted body's sittings are absent from "meetings held per body" and its attendees from "attendance per organisation".
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationPublicGovernanceTests(VigieFactory factory)
{
    [Fact]
    public async Task PublicReport_LeavesOutARestrictedBodysMeetingsAndAttendance()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var insider = await factory.OrganisationAsync();
        var plenary = TestData.Unique("CLSPD plénier");
        var cell = TestData.Unique("Cellule restreinte");
        await factory.WithDb(async db =>
        {
            var open = new Body { ContractId = s.Contract.Id, Name = plenary, Kind = BodyKind.Plenary };
            var closed = new Body { ContractId = s.Contract.Id, Name = cell, Kind = BodyKind.WatchCell, DefaultVisibility = MinutesVisibility.Restricted };
            db.Bodies.AddRange(open, closed);
            foreach (var (body, visibility, org) in new[] { (open, MinutesVisibility.Public, s.Lead.Id), (closed, MinutesVisibility.Restricted, insider.Id) })
            {
                var at = new DateTimeOffset(new DateTime(2006, 3, 1, 10, 0, 0), TimeSpan.Zero);
                var m = new Meeting { ContractId = s.Contract.Id, BodyId = body.Id, Title = "Séance " + body.Name, StartsAt = at, EndsAt = at.AddHours(2), Status = MeetingStatus.Held, Visibility = visibility };
                db.Meetings.Add(m);
                db.Attendances.Add(new Attendance { ContractId = s.Contract.Id, MeetingId = m.Id, OrganisationId = org, Status = AttendanceStatus.Present });
            }
            (await db.Contracts.FindAsync(s.Contract.Id))!.IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var id = await s.EvaluationAsync();

        // The members' report (the coordinator reads restricted content) counts both bodies: the data is there.
        var g = (await s.ReportAsync(id)).GetProperty("governance");
        Assert.Contains(g.GetProperty("bodies").EnumerateArray(), b => b.GetProperty("name").GetString() == cell);
        Assert.Contains(g.GetProperty("attendance").EnumerateArray(), a => a.GetProperty("organisation").GetString() == insider.Name);

        await factory.ValidateAsync(s.Api, s.Contract.Id, id, present: true);
        var anonymous = factory.CreateClient();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        var html = await anonymous.GetStringAsync(publicUrl);
        Assert.Contains(plenary, html, StringComparison.Ordinal);
        Assert.Contains(s.Lead.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(cell, html, StringComparison.Ordinal);
        Assert.DoesNotContain(insider.Name, html, StringComparison.Ordinal);
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(publicUrl + "?handler=Pdf"));
        Assert.Contains(plenary, pdf, StringComparison.Ordinal);
        Assert.DoesNotContain(cell, pdf, StringComparison.Ordinal);
        Assert.DoesNotContain(insider.Name, pdf, StringComparison.Ordinal);
    }
}

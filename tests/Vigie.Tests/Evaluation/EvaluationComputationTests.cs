using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>Issue 15 items 1–3: objectives met / partly / not computed from targets, written where none; governance figures.</summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationComputationTests(VigieFactory factory)
{
    [Fact]
    public async Task Report_ComputesAttainmentPerActionAndTheOverallLine()
    {
        var s = await factory.EvaluatedContractAsync();
        // Eight actions meet a decreasing target, one meets an increasing one, one only moves towards it, one has no target.
        for (var i = 0; i < 8; i++) await factory.ActionAsync(s, $"Action atteinte {i}", 100, 80, 95, 85, 78);
        await factory.ActionAsync(s, "Hausse atteinte", 10, 20, 15, 22);
        var partly = await factory.ActionAsync(s, "Progrès partiel", 100, 50, 90, 70);
        var written = await factory.ActionAsync(s, "Sans cible", null, null);
        var id = await s.EvaluationAsync();

        var report = await s.ReportAsync(id);
        var overall = report.GetProperty("overall");
        Assert.Equal(9, overall.GetProperty("met").GetInt32());
        Assert.Equal(1, overall.GetProperty("partly").GetInt32());
        Assert.Equal(1, overall.GetProperty("notAssessed").GetInt32());
        Assert.Equal("presque tous les objectifs atteints : 9 sur 10", overall.GetProperty("sentence").GetString());
        var partlyLine = report.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("itemId").GetGuid() == partly);
        Assert.Equal("partly", partlyLine.GetProperty("attainment").GetString());
        Assert.Equal(70m, partlyLine.GetProperty("indicators")[0].GetProperty("achieved").GetDecimal());

        // Where no target exists the evaluators write the judgement; it then counts.
        var judged = await s.Api.PostAsJsonAsync($"{s.Base}/evaluations/{id}/judgements", new { planItemId = written, attainment = "notMet", comment = "Action non engagée." });
        Assert.Equal(HttpStatusCode.Created, judged.StatusCode);
        overall = (await s.ReportAsync(id)).GetProperty("overall");
        Assert.Equal(11, overall.GetProperty("assessed").GetInt32());
        Assert.Equal("presque tous les objectifs atteints : 9 sur 11", overall.GetProperty("sentence").GetString());

        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var page = await client.GetDocumentAsync($"/contrats/{s.Contract.Id}/evaluations/{id}");
        Assert.Contains("presque tous les objectifs atteints : 9 sur 11", page.QuerySelector("#overall")!.TextContent);
        Assert.Contains("extraction du", page.Body!.TextContent);
    }

    [Fact]
    public async Task Governance_CountsHeldVsPlannedAttendanceAndTasksOnTime()
    {
        var s = await factory.EvaluatedContractAsync();
        var other = await factory.OrganisationAsync();
        var (body, held) = await factory.WithDb(async db =>
        {
            var b = new Body { ContractId = s.Contract.Id, Name = "CLSPD plénier", Kind = BodyKind.Plenary };
            db.Bodies.Add(b);
            var meetings = new List<Meeting>();
            foreach (var (day, status) in new[] { ("2006-03-01", MeetingStatus.Held), ("2007-03-01", MeetingStatus.Held), ("2008-03-01", MeetingStatus.Cancelled), ("2008-10-01", MeetingStatus.Planned) })
            {
                var at = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                var m = new Meeting { ContractId = s.Contract.Id, BodyId = b.Id, Title = "Plénière " + day, StartsAt = at, EndsAt = at.AddHours(2), Status = status, Visibility = MinutesVisibility.Public };
                meetings.Add(m);
                db.Meetings.Add(m);
            }
            foreach (var m in meetings.Take(2))
            {
                db.Attendances.Add(new Attendance { ContractId = s.Contract.Id, MeetingId = m.Id, OrganisationId = s.Lead.Id, Status = AttendanceStatus.Present });
                db.Attendances.Add(new Attendance { ContractId = s.Contract.Id, MeetingId = m.Id, OrganisationId = other.Id, Status = m == meetings[0] ? AttendanceStatus.Represented : AttendanceStatus.Absent });
            }
            db.FollowUpTasks.Add(new FollowUpTask { ContractId = s.Contract.Id, BodyId = b.Id, MeetingId = meetings[0].Id, Title = "Éclairage", DueOn = new DateOnly(2006, 6, 1), Status = FollowUpStatus.Done, ClosedOn = new DateOnly(2006, 5, 20), Visibility = MinutesVisibility.Public });
            db.FollowUpTasks.Add(new FollowUpTask { ContractId = s.Contract.Id, BodyId = b.Id, MeetingId = meetings[0].Id, Title = "Caméra", DueOn = new DateOnly(2006, 6, 1), Status = FollowUpStatus.Done, ClosedOn = new DateOnly(2006, 9, 1), Visibility = MinutesVisibility.Public });
            await db.SaveChangesAsync();
            return (b.Id, meetings.Count(m => m.Status == MeetingStatus.Held));
        });
        var id = await s.EvaluationAsync();

        var g = (await s.ReportAsync(id)).GetProperty("governance");
        var line = g.GetProperty("bodies").EnumerateArray().Single(b => b.GetProperty("bodyId").GetGuid() == body);
        Assert.Equal(3, line.GetProperty("planned").GetInt32());
        Assert.Equal(held, line.GetProperty("held").GetInt32());
        Assert.Equal(1, line.GetProperty("cancelled").GetInt32());
        var attendance = g.GetProperty("attendance").EnumerateArray().ToDictionary(a => a.GetProperty("organisation").GetString()!, a => a.GetProperty("rate").GetDouble());
        Assert.Equal(1.0, attendance[s.Lead.Name]);
        Assert.Equal(0.5, attendance[other.Name]);
        Assert.Equal(2, g.GetProperty("tasksWithDueDate").GetInt32());
        Assert.Equal(1, g.GetProperty("tasksClosedOnTime").GetInt32());
    }

    [Fact]
    public async Task Evaluation_BadInput_FrenchMessageAndNothingSaved()
    {
        var s = await factory.EvaluatedContractAsync();
        var bad = await s.Api.PostAsJsonAsync($"{s.Base}/evaluations", new { title = "Hors période", kind = "final", periodStart = "2001-01-01", periodEnd = "2008-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("comprise dans celle du contrat", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("periodStart")[0].GetString());
        Assert.Equal(0, await factory.WithDb(db => db.ContractEvaluations.CountAsync(e => e.ContractId == s.Contract.Id)));

        var id = await s.EvaluationAsync();
        await factory.ValidateAsync(s.Api, s.Contract.Id, id);
        var locked = await s.Api.PostAsJsonAsync($"{s.Base}/evaluations/{id}/recommendations", new { text = "Trop tard", priority = "high" });
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("rouvrez-la", await locked.Content.ReadAsStringAsync());
        var skip = await s.Api.PostAsJsonAsync($"{s.Base}/evaluations/{id}/status", new { status = "validated" });
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
    }
}

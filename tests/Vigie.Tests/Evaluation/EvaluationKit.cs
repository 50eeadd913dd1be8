using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>A signed 2005–2008 contract with a coordinator and a plan seeded in the database, for the evaluation tests.</summary>
internal sealed record EvaluationSetup(SecurityContract Contract, TestUser Coordinator, HttpClient Api, Organisation Lead, Guid Priority)
{
    public string Base => $"/api/v1/contracts/{Contract.Id}";
}

internal static class EvaluationKit
{
    public static async Task<EvaluationSetup> EvaluatedContractAsync(this VigieFactory f)
    {
        var coordinator = await f.UserAsync();
        var c = await f.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await f.ApiClientAsync(coordinator);
        var lead = await f.OrganisationAsync();
        var priority = await f.WithDb(async db =>
        {
            var contract = await db.Contracts.Include(x => x.Signatories).SingleAsync(x => x.Id == c.Id);
            contract.StartDate = new DateOnly(2005, 1, 1);
            contract.EndDate = new DateOnly(2008, 12, 31);
            contract.Status = ContractStatus.InForce;
            contract.Signatories.Add(new Signatory { OrganisationId = lead.Id, RepresentativeName = "Camille Martin", SignedOn = new DateOnly(2005, 1, 10), Order = 1 });
            var statuses = Vigie.Web.Features.ActionPlan.PlanCommandKit.DefaultStatuses(c.Id).ToList();
            db.PlanStatuses.AddRange(statuses);
            var p = new PlanItem { ContractId = c.Id, Kind = PlanItemKind.Priority, Position = 1, Reference = TestData.Unique("P"), Title = "Sécuriser les espaces publics" };
            db.PlanItems.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        return new EvaluationSetup(c, coordinator, api, lead, priority);
    }

    /// <summary>An action under the priority with one indicator (baseline, target, and values in order).</summary>
    public static async Task<Guid> ActionAsync(this VigieFactory f, EvaluationSetup s, string title, decimal? baseline, decimal? target, params decimal[] values) =>
        await f.WithDb(async db =>
        {
            var position = await db.PlanItems.CountAsync(i => i.ParentId == s.Priority) + 1;
            var a = new PlanItem
            {
                ContractId = s.Contract.Id, ParentId = s.Priority, Kind = PlanItemKind.Action, Position = position, Reference = TestData.Unique("A"), Title = title,
                LeadOrganisationId = s.Lead.Id,
            };
            db.PlanItems.Add(a);
            if (target is not null || values.Length > 0)
            {
                var indicator = new PlanIndicator
                {
                    ContractId = s.Contract.Id, PlanItemId = a.Id, Reference = TestData.Unique("I"), Name = "Indicateur " + title, Unit = "faits",
                    Kind = PlanIndicatorKind.Result, BaselineValue = baseline, BaselineDate = new DateOnly(2004, 12, 31), TargetValue = target, TargetDate = new DateOnly(2008, 12, 31),
                    Source = "Police municipale",
                };
                db.PlanIndicators.Add(indicator);
                var year = 2005;
                foreach (var v in values)
                {
                    db.PlanIndicatorValues.Add(new PlanIndicatorValue
                    {
                        ContractId = s.Contract.Id, IndicatorId = indicator.Id, On = new DateOnly(year, 12, 31), Period = year.ToString(), Value = v, Provenance = "main courante",
                    });
                    year++;
                }
            }
            await db.SaveChangesAsync();
            return a.Id;
        });

    public static async Task<Guid> EvaluationAsync(this EvaluationSetup s)
    {
        var created = await s.Api.PostAsJsonAsync($"{s.Base}/evaluations", new
        {
            title = "Évaluation du CLS 2005", kind = "final", periodStart = "2005-01-01", periodEnd = "2008-12-31",
            requestedBy = "Le maire, président du CLSPD", councilApprovalDate = "2008-06-30",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Held sittings of the contract's restricted and plenary formations (in January and February of <paramref name="year"/>),
    /// where a report is validated and presented (specs §5.3).
    /// </summary>
    public static Task<(Guid Restricted, Guid Plenary)> FormationSittingsAsync(this VigieFactory f, Guid contractId, int year = 2009) =>
        f.WithDb(async db =>
        {
            // The formation's body is reused when the contract already has it (a report validated again after reopening).
            async Task<Guid> Sitting(BodyKind kind, string name, int month)
            {
                var body = await db.Bodies.FirstOrDefaultAsync(b => b.ContractId == contractId && b.Name == name);
                if (body is null) db.Bodies.Add(body = new Body { ContractId = contractId, Name = name, Kind = kind });
                var m = new Meeting { ContractId = contractId, BodyId = body.Id, Title = "Séance " + name.ToLowerInvariant(), StartsAt = new DateTimeOffset(year, month, 15, 9, 0, 0, TimeSpan.Zero), Status = MeetingStatus.Held };
                db.Meetings.Add(m);
                return m.Id;
            }
            var sittings = (await Sitting(BodyKind.Restricted, "Formation restreinte du CLSPD", 1), await Sitting(BodyKind.Plenary, "Formation plénière du CLSPD", 2));
            await db.SaveChangesAsync();
            return sittings;
        });

    /// <summary>Validates the report in a held sitting of the restricted formation, then (<paramref name="present"/>) presents it in plenary.</summary>
    public static async Task ValidateAsync(this VigieFactory f, HttpClient api, Guid contractId, Guid evaluationId, bool present = false, int year = 2009)
    {
        var (restricted, plenary) = await f.FormationSittingsAsync(contractId, year);
        var url = $"/api/v1/contracts/{contractId}/evaluations/{evaluationId}/status";
        var validated = await api.PostAsJsonAsync(url, new { status = "validated", meetingId = restricted });
        Assert.True(validated.StatusCode == System.Net.HttpStatusCode.NoContent, await validated.Content.ReadAsStringAsync());
        if (!present) return;
        var presented = await api.PostAsJsonAsync(url, new { status = "presented", meetingId = plenary });
        Assert.True(presented.StatusCode == System.Net.HttpStatusCode.NoContent, await presented.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> ReportAsync(this EvaluationSetup s, Guid evaluationId) =>
        await s.Api.GetFromJsonAsync<JsonElement>($"{s.Base}/evaluations/{evaluationId}");
}

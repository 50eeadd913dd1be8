using Vigie.Web.Features.ActionPlan;

namespace Vigie.Tests.ActionPlan;

/// <summary>The pure progress arithmetic (docs/action-plan-progress.md).</summary>
public sealed class PlanProgressRulesTests
{
    private static ProgressNode Node(Guid id, Guid? parent = null, decimal weight = 1, int? over = null, int? statusDefault = null, bool done = false,
        bool counts = true, (decimal, bool)[]? milestones = null, (decimal, int?)[]? commitments = null) =>
        new(id, parent, weight, over, statusDefault, done, counts, milestones ?? [], commitments ?? []);

    [Fact]
    public void Compute_WeightedMilestones_GiveShareOfDoneWeight()
    {
        var a = Guid.NewGuid();
        var (items, _) = PlanProgress.Compute([Node(a, milestones: [(1, true), (3, false)])]);
        Assert.Equal(25m, items[a].Value);
        Assert.Equal(ProgressSource.Milestones, items[a].Source);
    }

    [Fact]
    public void Compute_MissingCommitmentValue_IsLeftOutNotAveragedAsZero()
    {
        var a = Guid.NewGuid();
        var (items, _) = PlanProgress.Compute([Node(a, commitments: [(1, 80), (1, null)])]);
        Assert.Equal(80m, items[a].Value);
        Assert.Equal(1, items[a].Missing);
        Assert.True(items[a].IsPartial);
    }

    [Fact]
    public void Compute_AllValuesMissing_IsMissingNotZero()
    {
        var p = Guid.NewGuid();
        var a = Guid.NewGuid();
        var (items, plan) = PlanProgress.Compute([Node(p), Node(a, p, commitments: [(1, null)])]);
        Assert.Null(items[a].Value);
        Assert.Null(items[p].Value);
        Assert.Equal(1, items[p].Missing);
        Assert.Null(plan.Value);
    }

    [Fact]
    public void Compute_RollsUpWeightedChildren_ToPriorityAndPlan()
    {
        var p1 = Guid.NewGuid();
        var p2 = Guid.NewGuid();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        var (items, plan) = PlanProgress.Compute([
            Node(p1), Node(p2),
            Node(a, p1, weight: 3, milestones: [(1, true)]),          // 100
            Node(b, p1, weight: 1, milestones: [(1, false)]),         // 0
            Node(c, p2, commitments: [(1, null)]),                    // missing
        ]);
        Assert.Equal(75m, items[p1].Value);
        Assert.Null(items[p2].Value);
        Assert.Equal(75m, plan.Value);       // p2 has no value: left out, counted as missing
        Assert.Equal(1, plan.Missing);
    }

    [Fact]
    public void Compute_OverrideAndDoneStatus_WinOverComputed()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var (items, _) = PlanProgress.Compute([
            Node(a, over: 40, milestones: [(1, true)]),
            Node(b, statusDefault: 100, done: true, milestones: [(1, false)]),
        ]);
        Assert.Equal(40m, items[a].Value);
        Assert.Equal(ProgressSource.Override, items[a].Source);
        Assert.Equal(100m, items[b].Value);
    }

    [Fact]
    public void Compute_StatusDefault_AppliesWhenNothingToComputeFrom()
    {
        var a = Guid.NewGuid();
        var (items, _) = PlanProgress.Compute([Node(a, statusDefault: 0)]);
        Assert.Equal(0m, items[a].Value);
        Assert.Equal(ProgressSource.StatusDefault, items[a].Source);
    }

    [Fact]
    public void Compute_AbandonedChild_LeavesTheRollUp()
    {
        var p = Guid.NewGuid();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var (items, _) = PlanProgress.Compute([Node(p), Node(a, p, milestones: [(1, true)]), Node(b, p, counts: false, milestones: [(1, false)])]);
        Assert.Equal(100m, items[p].Value);
    }
}

namespace Vigie.Web.Features.Shared;

// Port between the contract's renewal (Features/Contracts, consumer) and the rooms whose records a renewal carries over
// (plan, governance, evaluation: Features/Evaluation/RenewalCarryOver.cs, provider). The provider validates the selection
// before the transaction and adds its rows to the context inside it; the contract command saves once.

/// <summary>What the coordinator carries into the next generation. The territory is always carried.</summary>
public sealed class RenewalSelection : IValidatableInput
{
    [System.ComponentModel.DataAnnotations.StringLength(300, ErrorMessage = "L'intitulé ne doit pas dépasser 300 caractères.")]
    public string? Title { get; set; }
    public bool Signatories { get; set; } = true;
    public bool Members { get; set; } = true;
    public bool Areas { get; set; } = true;
    /// <summary>The bodies and their current members.</summary>
    public bool Bodies { get; set; }
    /// <summary>Plan items (priorities, objectives, actions) to continue; their ancestors come with them.</summary>
    public List<Guid> PlanItemIds { get; set; } = [];
    /// <summary>Recommendations of the predecessor's evaluations that become draft fiches action.</summary>
    public List<Guid> RecommendationIds { get; set; } = [];
}

/// <param name="SourcesToRelink">Indicators carried with a live source still pointing to the previous contract (ADR 0020).</param>
public sealed record RenewalCarried(int Items, int Indicators, int Bodies, int Recommendations, bool Evaluated, int SourcesToRelink = 0);

public interface IRenewalCarryOver
{
    Task ValidateAsync(Guid predecessorId, RenewalSelection selection, ErrorBag errors);
    Task<RenewalCarried> CarryOverAsync(Guid predecessorId, Guid successorId, DateOnly successorStart, IReadOnlyList<PlanStatus> statuses, RenewalSelection selection);
}

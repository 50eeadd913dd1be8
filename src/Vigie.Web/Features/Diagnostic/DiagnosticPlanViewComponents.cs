namespace Vigie.Web.Features.Diagnostic;

/// <summary>
/// On a plan item's page: the diagnostic's findings that justify it (issue 12 §3). Members only, like the page; every
/// live finding is readable by the contract's members (findings are public or members-level, never restricted).
/// </summary>
public sealed class DiagnosticItemFindingsViewComponent(DiagnosticQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid contractId, Guid itemId) =>
        View("~/Features/Diagnostic/_ItemFindings.cshtml", new DiagnosticItemFindingsView(contractId, await queries.FindingsOfPlanItemAsync(contractId, itemId)));
}

public sealed record DiagnosticItemFindingsView(Guid ContractId, IReadOnlyList<DiagnosticQueries.DiagnosticFindingRow> Findings);

/// <summary>On the plan's page: the priorities no finding justifies, among those the reader may read (issue 12 §3).</summary>
public sealed class DiagnosticUnjustifiedPrioritiesViewComponent(DiagnosticQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid contractId) =>
        View("~/Features/Diagnostic/_UnjustifiedPriorities.cshtml", new DiagnosticUnjustifiedView(contractId, await queries.UnjustifiedPrioritiesAsync(contractId)));
}

public sealed record DiagnosticUnjustifiedView(Guid ContractId, IReadOnlyList<DiagnosticQueries.DiagnosticPlanRef> Priorities);

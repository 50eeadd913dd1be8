namespace Vigie.Web.Features.Shared;

/// <summary>
/// One breadcrumb segment, rendered by the layout from <c>ViewData["Breadcrumb"]</c>
/// (an <see cref="IReadOnlyList{T}"/> of crumbs; the last one is the current page).
/// </summary>
public sealed record Crumb(string Label, string? Href = null);

namespace Vigie.Web.Features.Shared;

public sealed record Crumb(string Label, string? Href = null);

namespace Vigie.Web.Features.Shared;

/// <summary>Body of a 201 Created answer from the API: the new record's id.</summary>
public sealed record CreatedDto(Guid Id);

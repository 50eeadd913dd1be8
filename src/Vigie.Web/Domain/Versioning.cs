namespace Vigie.Web.Domain;

/// <summary>
/// A record edited through a form or an API PUT: <see cref="Version"/> is an optimistic concurrency token (ADR 0019),
/// incremented by every save that changes the record (<c>AuditStampInterceptor</c>) and checked by EF in the
/// UPDATE's WHERE clause, so two writers starting from the same version cannot both win.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

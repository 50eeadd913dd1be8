namespace Vigie.Tests.Infrastructure;

/// <summary>
/// The trait of a test class whose behaviour does not depend on the database provider (HTTP hardening, proxy headers,
/// rate limits, start-up option checks, the OpenAPI document, PDF conformance, documentation): test.sh runs it on SQLite
/// only, every other class on SQLite and on PostgreSQL. Mark a class <c>[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]</c>
/// only when no assertion could change with the provider (no query, import, constraint, transaction or ordering under test).
/// </summary>
public static class ProviderNeutral
{
    public const string Trait = "Category";
    public const string Value = "ProviderNeutral";
}

namespace Vigie.Web.Features.Contracts;

/// <summary>Data rules of renewal that the schema relies on.</summary>
public static class RenewalRules
{
    /// <summary>
    /// Before the unique index on Contracts.PredecessorId (one successor per contract): data written while create/edit still
    /// allowed a second successor keeps the earliest-created one (ties broken by id); the later duplicates lose their
    /// predecessor link. Plain SQL valid on SQLite and PostgreSQL; called by the migration that creates the index.
    /// </summary>
    public const string DeduplicateSuccessorsSql = """
        UPDATE "Contracts" SET "PredecessorId" = NULL
        WHERE "PredecessorId" IS NOT NULL AND EXISTS (
            SELECT 1 FROM "Contracts" AS earlier
            WHERE earlier."PredecessorId" = "Contracts"."PredecessorId" AND earlier."Id" <> "Contracts"."Id"
              AND (earlier."CreatedAt" < "Contracts"."CreatedAt"
                   OR (earlier."CreatedAt" = "Contracts"."CreatedAt" AND earlier."Id" < "Contracts"."Id")))
        """;
}

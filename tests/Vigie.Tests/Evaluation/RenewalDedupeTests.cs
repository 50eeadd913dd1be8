using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Contracts;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Review of issue 15: the SQL the unique-successor migration runs before creating its index keeps the earliest-created
/// successor of a contract and unlinks the later duplicates, on the provider under test. Run in a transaction rolled back
/// (the index is dropped only inside it).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RenewalDedupeTests(VigieFactory factory)
{
    [Fact]
    public async Task DeduplicateSuccessorsSql_KeepsTheEarliestCreatedSuccessor_UnlinksTheOthers()
    {
        var predecessor = await factory.ContractAsync();
        var (late, earliest, later) = (await factory.ContractAsync(), await factory.ContractAsync(), await factory.ContractAsync());
        var other = await factory.ContractAsync();
        var otherSuccessor = await factory.ContractAsync();
        var created = new Dictionary<Guid, DateTimeOffset>
        {
            [late.Id] = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero), [earliest.Id] = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), [later.Id] = new(2024, 6, 1, 9, 0, 0, TimeSpan.Zero),
        };

        var after = await factory.WithDb(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Contracts_PredecessorId\"");
            foreach (var (id, at) in created)
                await db.Contracts.IgnoreQueryFilters().Where(c => c.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.PredecessorId, predecessor.Id).SetProperty(c => c.CreatedAt, at));
            await db.Contracts.IgnoreQueryFilters().Where(c => c.Id == otherSuccessor.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PredecessorId, other.Id));

            await db.Database.ExecuteSqlRawAsync(RenewalRules.DeduplicateSuccessorsSql);

            var ids = created.Keys.Append(otherSuccessor.Id).ToList();
            var links = await db.Contracts.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.PredecessorId);
            await tx.RollbackAsync();
            return links;
        });

        Assert.Equal(predecessor.Id, after[earliest.Id]);
        Assert.Null(after[late.Id]);
        Assert.Null(after[later.Id]);
        Assert.Equal(other.Id, after[otherSuccessor.Id]);
        // Rolled back: the index is there again, nothing changed.
        Assert.False(await factory.WithDb(db => db.Contracts.AnyAsync(c => c.PredecessorId == predecessor.Id)));
    }
}

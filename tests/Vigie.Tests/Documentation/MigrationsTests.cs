using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Documentation;

/// <summary>The model and the migrations of the provider under test agree (ADR 0002: a migration per provider).</summary>
[Collection(AppCollection.Name)]
public sealed class MigrationsTests(VigieFactory factory)
{
    [Fact]
    public async Task Model_HasNoChangesMissingFromTheMigrations()
    {
        var pending = await factory.WithDb(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, $"Le modèle a changé sans migration pour {TestEnvironment.Provider} : ajoutez-en une (CONTRIBUTING.md).");
        var applied = await factory.WithDb(db => db.Database.GetPendingMigrationsAsync());
        Assert.Empty(applied);
    }
}

using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigie.Web.Data;

/// <summary>First audit layer: created/updated stamps on every <see cref="IStamped"/> entity.</summary>
public sealed class AuditStampInterceptor(TimeProvider clock, ICurrentUser currentUser) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow();
        var userId = currentUser.Id;
        // ADR 0019: every save that changes a versioned record moves its version on (unless the command already did).
        foreach (var entry in context.ChangeTracker.Entries<IVersioned>())
            if (entry.State == EntityState.Modified && !entry.Property(x => x.Version).IsModified) entry.Entity.Version++;
        foreach (var entry in context.ChangeTracker.Entries<IStamped>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.CreatedById ??= userId;
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedById = userId ?? entry.Entity.CreatedById;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedById = userId;
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// A value re-read from the database at most every <c>lifetime</c>, dropped at once when this instance changes what
/// it depends on (<see cref="Invalidate"/>). A change made by another instance is seen within the lifetime.
/// A load that started before an invalidation never stores its (possibly stale) result.
/// </summary>
public class ShortLivedValue<T>(TimeProvider clock, TimeSpan lifetime) where T : notnull
{
    private sealed record Entry(T Value, DateTimeOffset ReadAt, long Generation);

    private Entry? _entry;
    private long _generation;

    public TimeSpan Lifetime => lifetime;

    public async Task<T> GetAsync(Func<Task<T>> load)
    {
        var entry = Volatile.Read(ref _entry);
        var generation = Interlocked.Read(ref _generation);
        if (entry is not null && entry.Generation == generation && clock.GetUtcNow() - entry.ReadAt < lifetime) return entry.Value;
        var readAt = clock.GetUtcNow();
        var value = await load();
        if (Interlocked.Read(ref _generation) == generation) Volatile.Write(ref _entry, new Entry(value, readAt, generation));
        return value;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _entry, null);
    }
}

/// <summary>The observatory's data stamp (highest edition and imported-file ids) shared by the instance (ObservatoryQueries).</summary>
public sealed class ObservatoryDataStamp(TimeProvider clock) : ShortLivedValue<(int Editions, int Files)>(clock, OtherInstanceDelay)
{
    /// <summary>How long an import made by another instance may go unseen by this one's observatory caches.</summary>
    public static readonly TimeSpan OtherInstanceDelay = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Access tokens that authenticated recently, by token hash: the principal built for them (user, roles, claims) and
/// the token's id and expiry, so a busy API client costs no database round trip per request. Every entry is dropped
/// at once when this instance saves a change to tokens, users, roles, memberships or two-factor requirements
/// (<see cref="HotPathCacheInterceptor"/>); a revocation or a disablement made by another instance takes effect
/// within <see cref="Lifetime"/>.
/// </summary>
public sealed class AccessTokenCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    public sealed class Entry(ClaimsPrincipal principal, Guid tokenId, DateTimeOffset expiresAt, DateTimeOffset? lastUsedAt, DateTimeOffset cachedAt, long generation)
    {
        private long _lastUsedTicks = lastUsedAt?.UtcTicks ?? 0;
        public Guid TokenId => tokenId;
        public DateTimeOffset ExpiresAt => expiresAt;
        public DateTimeOffset CachedAt => cachedAt;
        public long Generation => generation;

        /// <summary>A copy per request: handlers may add claims to their principal.</summary>
        public ClaimsPrincipal NewPrincipal() => principal.Clone();

        /// <summary>True (once per minute across threads) when the token's "last used" date should be written.</summary>
        public bool ShouldStampUse(DateTimeOffset now)
        {
            var last = Interlocked.Read(ref _lastUsedTicks);
            if (last != 0 && now.UtcTicks - last <= TimeSpan.FromMinutes(1).Ticks) return false;
            return Interlocked.CompareExchange(ref _lastUsedTicks, now.UtcTicks, last) == last;
        }
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The generation to pass to <see cref="Add"/>: read it before loading from the database.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public Entry? Find(string hash)
    {
        if (!_entries.TryGetValue(hash, out var entry)) return null;
        var now = clock.GetUtcNow();
        if (entry.Generation == Generation && now - entry.CachedAt < Lifetime && now < entry.ExpiresAt) return entry;
        _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
        return null;
    }

    public Entry Add(string hash, ClaimsPrincipal principal, Guid tokenId, DateTimeOffset expiresAt, DateTimeOffset? lastUsedAt, long generation)
    {
        var entry = new Entry(principal.Clone(), tokenId, expiresAt, lastUsedAt, clock.GetUtcNow(), generation);
        if (generation != Generation) return entry; // invalidated while loading: serve this request, keep nothing
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[hash] = entry;
        return entry;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}

/// <summary>
/// Drops the instance's hot-path caches when a save changes what they depend on: after the save, or after the commit
/// when the save ran inside a transaction (so no request re-reads the old rows between the two and keeps them).
/// Bulk updates (ExecuteUpdate) that bypass change tracking call <see cref="MarkTokensChanged"/> themselves.
/// </summary>
public sealed class HotPathCacheInterceptor(AccessTokenCache tokens, ObservatoryDataStamp stamp) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    [Flags]
    private enum Pending { None = 0, Tokens = 1, Stats = 2 }

    private sealed class Box { public Pending Value; }

    private static readonly ConditionalWeakTable<DbContext, Box> PendingByContext = new();

    private static readonly HashSet<Type> AuthenticationTypes =
    [
        typeof(PersonalAccessToken), typeof(AppUser), typeof(AppRole), typeof(IdentityUserRole<Guid>), typeof(IdentityUserClaim<Guid>),
        typeof(IdentityRoleClaim<Guid>), typeof(ContractMembership), typeof(TwoFactorRequirement),
    ];

    /// <summary>For bulk updates of tokens or users: the token cache is dropped at the next save or commit of <paramref name="db"/>.</summary>
    public static void MarkTokensChanged(DbContext db) => PendingByContext.GetOrCreateValue(db).Value |= Pending.Tokens;

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context, committed: false);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: false);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    private static void Collect(DbContext? context)
    {
        if (context is null) return;
        var pending = Pending.None;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (AuthenticationTypes.Contains(type)) pending |= Pending.Tokens;
            else if (type == typeof(StatEdition) || type == typeof(StatFile)) pending |= Pending.Stats;
        }
        if (pending != Pending.None) PendingByContext.GetOrCreateValue(context).Value |= pending;
    }

    private void Flush(DbContext? context, bool committed)
    {
        if (context is null || !PendingByContext.TryGetValue(context, out var box) || box.Value == Pending.None) return;
        var pending = box.Value;
        if (pending.HasFlag(Pending.Tokens)) tokens.Invalidate();
        if (pending.HasFlag(Pending.Stats)) stamp.Invalidate();
        // Inside a transaction: drop now (this instance must not serve the old state) and again at the commit.
        if (committed || context.Database.CurrentTransaction is null) box.Value = Pending.None;
    }
}

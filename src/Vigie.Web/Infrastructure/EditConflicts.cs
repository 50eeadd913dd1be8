using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Vigie.Web.Infrastructure;

/// <summary>The answer to a second writer: who changed the record, when, and the stored values that differ from their input.</summary>
public sealed record EditConflict(int CurrentVersion, string Message, IReadOnlyList<EditConflictField> Fields)
{
    /// <summary>
    /// Puts the message in the page's error summary and the current version in the form's hidden field, so the person keeps their
    /// input, reads what changed and saves again deliberately.
    /// </summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "Input")
    {
        modelState.AddModelError("", Message);
        var key = $"{prefix}.{nameof(IVersioned.Version)}";
        var value = CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        modelState.SetModelValue(key, value, value);
    }
}

/// <summary>One field whose stored value differs from what the second writer submitted (French label, stored value).</summary>
public sealed record EditConflictField(string Field, string? Stored, string? Submitted);

public static class EditConflicts
{
    /// <summary>
    /// Compares the version the writer started from with the stored one. When it is current (or not given: older API clients,
    /// see ADR 0019), bumps the version so the save's UPDATE checks it and returns null. When it is stale, forgets every pending
    /// change of this unit of work and returns the conflict, naming the fields (<paramref name="stored"/> vs <paramref name="submitted"/>,
    /// French labels → displayed values), the other person and the time of their change. A record without stamps
    /// (<see cref="IStamped"/>) may name its last change's author and time in <paramref name="lastChange"/> (e.g. from its history).
    /// </summary>
    public static async Task<EditConflict?> CheckAsync<T>(AppDbContext db, T entity, int? startedFrom,
        IReadOnlyDictionary<string, string?> stored, IReadOnlyDictionary<string, string?> submitted,
        (Guid? ById, DateTimeOffset At)? lastChange = null) where T : class, IVersioned
    {
        if (startedFrom is not { } version || version == entity.Version)
        {
            entity.Version++;
            return null;
        }
        return await ConflictAsync(db, entity, stored, submitted, $"Cet élément a été modifié par {{0}}{{1}} pendant votre saisie (version {version} → {entity.Version}).",
            lastChange);
    }

    /// <summary>
    /// The writer added a record they believed absent (a period's first value from a quick form) and it exists by now: the same
    /// conflict as a stale version (pending changes forgotten, who and when, the stored values), so that sending again with the
    /// returned version deliberately replaces it.
    /// </summary>
    public static Task<EditConflict> AlreadyThereAsync<T>(AppDbContext db, T entity,
        IReadOnlyDictionary<string, string?> stored, IReadOnlyDictionary<string, string?> submitted) where T : class, IVersioned =>
        ConflictAsync(db, entity, stored, submitted, "Une valeur a déjà été enregistrée par {0}{1} pour cette période, que votre saisie remplacerait.");

    /// <summary>Forgets the pending changes and builds the conflict; <paramref name="what"/> gets the person ({0}) and the time ({1}).</summary>
    private static async Task<EditConflict> ConflictAsync<T>(AppDbContext db, T entity,
        IReadOnlyDictionary<string, string?> stored, IReadOnlyDictionary<string, string?> submitted, string what,
        (Guid? ById, DateTimeOffset At)? lastChange = null) where T : class, IVersioned
    {
        db.ChangeTracker.Clear();
        var fields = stored.Where(kv => !string.Equals(kv.Value ?? "", submitted.GetValueOrDefault(kv.Key) ?? "", StringComparison.Ordinal))
            .Select(kv => new EditConflictField(kv.Key, kv.Value, submitted.GetValueOrDefault(kv.Key))).ToList();
        var who = "quelqu'un d'autre";
        var when = "";
        if (entity is IStamped stamped) lastChange = (stamped.UpdatedById, stamped.UpdatedAt);
        if (lastChange is { } change)
        {
            if (change.ById is { } uid && await db.Users.AsNoTracking().Where(u => u.Id == uid).Select(u => u.FullName).FirstOrDefaultAsync() is { } name)
                who = name;
            when = " le " + Culture.DateTime(change.At);
        }
        var differences = fields.Count == 0
            ? "Les valeurs enregistrées sont identiques à votre saisie."
            : "Valeurs enregistrées qui diffèrent de votre saisie : " + string.Join(" ; ", fields.Select(f => $"{f.Field} : « {Shorten(f.Stored)} »")) + ".";
        var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, what, who, when) + $" {differences} "
            + "Votre saisie est conservée : vérifiez-la puis enregistrez de nouveau pour la garder.";
        return new EditConflict(entity.Version, message, fields);
    }

    /// <summary>The 409 ProblemDetails of the API: the French message, the current version and the differing fields.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem(this EditConflict conflict) =>
        TypedResults.Problem(detail: conflict.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflit de modification",
            extensions: new Dictionary<string, object?>
            {
                ["currentVersion"] = conflict.CurrentVersion,
                ["fields"] = conflict.Fields.Select(f => new Dictionary<string, string?> { ["field"] = f.Field, ["stored"] = f.Stored }).ToList(),
            });

    private static string Shorten(string? value) =>
        string.IsNullOrEmpty(value) ? "(vide)" : value.Length <= 120 ? value : value[..117] + "…";
}

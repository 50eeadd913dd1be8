using System.Security.Cryptography;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Photos of incidents (issue 14 items 1 and 7): added by the contract's partners and coordination (and the public
/// report form), checked and stripped by <see cref="PhotoSanitizer"/>, kept as <see cref="StoredFile"/> rows, shown to
/// members at once and to the public (Open311 <c>media_url</c>) only once the coordination approved them.
/// </summary>
public sealed class IncidentPhotos(AppDbContext db, TimeProvider clock, Auditor auditor, ContractViewers viewers)
{
    public const int MaxPerIncident = 5;

    public sealed record IncidentPhotoView(Guid Id, Guid IncidentId, int IncidentNumber, IncidentPhotoStatus Status, string ContentType, int Width, int Height,
        long Length, DateTimeOffset UploadedAt);

    /// <summary>An upload's bytes, or why they were not read (larger than <see cref="PhotoSanitizer.MaxBytes"/>).</summary>
    public sealed record PhotoUpload(byte[]? Content, string? Error = null);

    /// <summary>
    /// Reads an upload with a bound: never more than <see cref="PhotoSanitizer.MaxBytes"/> + 1 bytes are buffered, whatever
    /// length the part declares (the endpoint's request size limit stops larger bodies earlier still).
    /// </summary>
    public static async Task<PhotoUpload?> ReadAsync(IFormFile? file, CancellationToken ct = default)
    {
        if (file is null) return null;
        if (file.Length > PhotoSanitizer.MaxBytes) return new PhotoUpload(null, PhotoSanitizer.TooBig);
        await using var input = file.OpenReadStream();
        using var ms = new MemoryStream((int)Math.Max(0, file.Length));
        var buffer = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            if (ms.Length + read > PhotoSanitizer.MaxBytes) return new PhotoUpload(null, PhotoSanitizer.TooBig);
            ms.Write(buffer, 0, read);
        }
        return new PhotoUpload(ms.ToArray());
    }

    /// <summary>Adds a photo (its id) to an incident of the contract (a partner member or the coordination; <paramref name="publicForm"/>: the anonymous form).</summary>
    public async Task<CommandResult<Guid>> AddAsync(Guid contractId, Guid incidentId, PhotoUpload? content, bool publicForm = false)
    {
        Guid? userId = null;
        if (!publicForm)
        {
            var viewer = await viewers.ForAsync(contractId);
            if (viewer is null) return CommandResult<Guid>.Missing();
            if (!viewer.AtLeast(ContractRole.PartnerMember)) return CommandResult<Guid>.Denied("Les lecteurs du contrat n'ajoutent pas de photos.");
            userId = viewer.UserId;
        }
        if (!await db.Incidents.AnyAsync(i => i.ContractId == contractId && i.Id == incidentId)) return CommandResult<Guid>.Missing();
        var error = Check(content, out var photo);
        if (error is null && await db.IncidentPhotos.CountAsync(p => p.IncidentId == incidentId) >= MaxPerIncident)
            error = $"Un signalement compte {MaxPerIncident} photos au plus.";
        if (error is not null) return CommandResult<Guid>.Invalid("file", error);
        var row = Stage(contractId, incidentId, photo!, userId);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(row.Id);
    }

    /// <summary>Checks a photo's bytes: a French error naming the problem, or null with the cleaned photo.</summary>
    public static string? Check(PhotoUpload? content, out PhotoSanitizer.SanitizedPhoto? photo)
    {
        photo = null;
        if (content is null) return "Choisissez la photo à envoyer (champ « file »).";
        if (content.Error is not null || content.Content is null) return content.Error ?? PhotoSanitizer.TooBig;
        (photo, var error) = PhotoSanitizer.Clean(content.Content);
        return error;
    }

    /// <summary>Adds the stored file, the photo row (pending moderation) and its audit event to the context; the caller saves.</summary>
    public IncidentPhoto Stage(Guid contractId, Guid incidentId, PhotoSanitizer.SanitizedPhoto photo, Guid? userId)
    {
        var now = clock.GetUtcNow();
        var file = new StoredFile
        {
            Id = Guid.NewGuid(), FileName = $"photo-{Guid.NewGuid():N}.{photo.Extension}", ContentType = photo.ContentType, Length = photo.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(photo.Content)), Content = photo.Content, UploadedAt = now, UploadedById = userId,
        };
        db.Files.Add(file);
        var row = new IncidentPhoto
        {
            Id = Guid.NewGuid(), ContractId = contractId, IncidentId = incidentId, FileId = file.Id, ContentType = photo.ContentType,
            Width = photo.Width, Height = photo.Height, Status = IncidentPhotoStatus.Pending, UploadedAt = now, UploadedById = userId,
        };
        db.IncidentPhotos.Add(row);
        auditor.Record(AuditKinds.IncidentPhotoAdded, "IncidentPhoto", row.Id, contractId, new { incident = incidentId, bytes = photo.Content.Length });
        return row;
    }

    /// <summary>The coordination approves (public from then on) or rejects a photo.</summary>
    public async Task<CommandResult<IncidentPhoto>> ModerateAsync(Guid contractId, Guid incidentId, Guid photoId, string? decision)
    {
        var viewer = await viewers.ForAsync(contractId);
        if (viewer is null) return CommandResult<IncidentPhoto>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<IncidentPhoto>.Denied("Seule la coordination du contrat modère les photos.");
        var photo = await db.IncidentPhotos.FirstOrDefaultAsync(p => p.ContractId == contractId && p.IncidentId == incidentId && p.Id == photoId);
        if (photo is null) return CommandResult<IncidentPhoto>.Missing();
        IncidentPhotoStatus? status = decision?.Trim().ToLowerInvariant() switch
        {
            "approve" or "approuver" => IncidentPhotoStatus.Approved,
            "reject" or "refuser" => IncidentPhotoStatus.Rejected,
            _ => null,
        };
        if (status is null) return CommandResult<IncidentPhoto>.Invalid("decision", "La décision doit valoir approve (publier) ou reject (refuser).");
        photo.Status = status.Value;
        photo.ModeratedAt = clock.GetUtcNow();
        photo.ModeratedById = viewer.UserId;
        auditor.Record(AuditKinds.IncidentPhotoModerated, "IncidentPhoto", photo.Id, contractId, new { status = status.Value.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<IncidentPhoto>.Ok(photo);
    }

    private IQueryable<IncidentPhotoView> Views(IQueryable<IncidentPhoto> photos) => photos.OrderBy(p => p.UploadedAt)
        .Select(p => new IncidentPhotoView(p.Id, p.IncidentId, db.Incidents.Where(i => i.Id == p.IncidentId).Select(i => i.Number).First(), p.Status, p.ContentType,
            p.Width, p.Height, p.File!.Length, p.UploadedAt));

    /// <summary>An incident's photos (members).</summary>
    public async Task<IReadOnlyList<IncidentPhotoView>> OfIncidentAsync(Guid contractId, Guid incidentId) =>
        await Views(db.IncidentPhotos.AsNoTracking().Where(p => p.ContractId == contractId && p.IncidentId == incidentId)).ToListAsync();

    /// <summary>The coordination's moderation queue: the contract's photos awaiting a decision, oldest first.</summary>
    public async Task<IReadOnlyList<IncidentPhotoView>> PendingAsync(Guid contractId) =>
        await Views(db.IncidentPhotos.AsNoTracking().Where(p => p.ContractId == contractId && p.Status == IncidentPhotoStatus.Pending)).ToListAsync();

    /// <summary>A photo's bytes for a member of the contract (the caller checked the contract is visible).</summary>
    public Task<StoredFile?> FileAsync(Guid contractId, Guid incidentId, Guid photoId) =>
        db.IncidentPhotos.AsNoTracking().Where(p => p.ContractId == contractId && p.IncidentId == incidentId && p.Id == photoId).Select(p => p.File).FirstOrDefaultAsync();

    /// <summary>A photo anyone may see: approved, of a public category, in a contract that publishes through Open311.</summary>
    public Task<StoredFile?> PublicFileAsync(Guid photoId) =>
        db.IncidentPhotos.AsNoTracking().Where(p => p.Id == photoId && p.Status == IncidentPhotoStatus.Approved
                && db.Incidents.Any(i => i.Id == p.IncidentId && i.Category!.Visibility == IncidentVisibility.Public)
                && db.IncidentSettings.Any(s => s.ContractId == p.ContractId && s.Jurisdiction != null))
            .Select(p => p.File).FirstOrDefaultAsync();

    /// <summary>The first approved photo of each of these incidents (Open311 media_url).</summary>
    public async Task<Dictionary<Guid, Guid>> FirstApprovedAsync(IReadOnlyCollection<Guid> incidentIds) =>
        (await db.IncidentPhotos.AsNoTracking().Where(p => incidentIds.Contains(p.IncidentId) && p.Status == IncidentPhotoStatus.Approved)
            .Select(p => new { p.IncidentId, p.Id, p.UploadedAt }).ToListAsync())
            .GroupBy(p => p.IncidentId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.UploadedAt).First().Id);
}

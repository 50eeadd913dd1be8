using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Contracts;

public sealed record ContractTerritoryView(string Kind, string Code, string Name);
public sealed record SignatoryView(Guid Id, Guid OrganisationId, string Organisation, string RepresentativeName, string? RepresentativePosition, DateOnly? SignedOn, int Order);
public sealed record AmendmentView(Guid Id, int Number, string Title, DateOnly EffectiveDate, string Description, DateOnly? NewEndDate, string? AddedTerritoryCodes, Guid? DocumentId, string? DocumentName,
    bool IsDraft = false);
public sealed record ContractLink(Guid Id, string Title, ContractStatus Status);
public sealed record MemberView(Guid Id, Guid UserId, string FullName, string Email, string Organisation, ContractRole Role);

public sealed record ContractDetail(
    Guid Id, string Title, ContractKind Kind, ContractStatus Status, DateOnly StartDate, DateOnly EndDate, string? Summary,
    int Generation, bool IsPublished, int Version,
    ContractLink? Predecessor, ContractLink? Successor, ContractLink? AmendsContract, IReadOnlyList<ContractLink> AttachedContracts,
    IReadOnlyList<ContractTerritoryView> Territories, IReadOnlyList<SignatoryView> Signatories, IReadOnlyList<AmendmentView> Amendments,
    Guid? SignedDocumentId, string? SignedDocumentName, long? SignedDocumentLength, DateOnly? PlannedSignatureDate = null);

/// <summary>Read models of a contract, always started from the user's visible contracts.</summary>
public sealed class ContractQueries(AppDbContext db, ContractAccess access)
{
    public async Task<ContractDetail?> DetailAsync(Guid id)
    {
        var visible = access.Contracts;
        var c = await visible.AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            x.Id, x.Title, x.Kind, x.Status, x.StartDate, x.EndDate, x.Summary, x.Generation, x.IsPublished, x.Version,
            x.PredecessorId, x.AmendsContractId, x.SignedDocumentId, x.PlannedSignatureDate,
            DocName = x.SignedDocument == null ? null : x.SignedDocument.FileName,
            DocLength = x.SignedDocument == null ? (long?)null : x.SignedDocument.Length,
            Territories = x.Territories.Select(t => new { t.Territory!.Kind, t.Territory.Code, t.Territory.Name }).ToList(),
            Signatories = x.Signatories.OrderBy(s => s.Order).Select(s => new SignatoryView(s.Id, s.OrganisationId, s.Organisation!.Name, s.RepresentativeName, s.RepresentativePosition, s.SignedOn, s.Order)).ToList(),
            Amendments = x.Amendments.OrderBy(a => a.Number).Select(a => new AmendmentView(a.Id, a.Number, a.Title, a.EffectiveDate, a.Description, a.NewEndDate, a.AddedTerritoryCodes, a.DocumentId, a.Document == null ? null : a.Document.FileName, a.IsDraft)).ToList(),
        }).SingleOrDefaultAsync();
        if (c is null) return null;

        // Linked contracts are shown only when the user may see them too.
        var predecessor = c.PredecessorId is { } p ? await Link(visible.Where(x => x.Id == p)) : null;
        var successor = await Link(visible.Where(x => x.PredecessorId == id));
        var amends = c.AmendsContractId is { } a ? await Link(visible.Where(x => x.Id == a)) : null;
        var attached = await visible.AsNoTracking().Where(x => x.AmendsContractId == id).OrderBy(x => x.Title)
            .Select(x => new ContractLink(x.Id, x.Title, x.Status)).ToListAsync();
        return new ContractDetail(c.Id, c.Title, c.Kind, c.Status, c.StartDate, c.EndDate, c.Summary, c.Generation, c.IsPublished, c.Version,
            predecessor, successor, amends, attached,
            c.Territories.OrderBy(t => t.Name).Select(t => new ContractTerritoryView(TerritoryKinds.Slug(t.Kind), t.Code, t.Name)).ToList(),
            c.Signatories, c.Amendments, c.SignedDocumentId, c.DocName, c.DocLength, c.PlannedSignatureDate);
    }

    private static Task<ContractLink?> Link(IQueryable<SecurityContract> q) =>
        q.AsNoTracking().Select(x => new ContractLink(x.Id, x.Title, x.Status)).FirstOrDefaultAsync();

    public async Task<IReadOnlyList<MemberView>?> MembersAsync(Guid id)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == id)) return null;
        return await db.Memberships.AsNoTracking().Where(m => m.ContractId == id)
            .OrderBy(m => m.Role == ContractRole.Coordinator ? 0 : m.Role == ContractRole.PartnerMember ? 1 : 2).ThenBy(m => m.User!.FullName)
            .Select(m => new MemberView(m.Id, m.UserId, m.User!.FullName, m.User.Email!, m.User.Organisation!.Name, m.Role)).ToListAsync();
    }

    public async Task<IReadOnlyList<ContractVersion>?> VersionsAsync(Guid id)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == id)) return null;
        return await db.ContractVersions.AsNoTracking().Where(v => v.ContractId == id).OrderBy(v => v.Number).ToListAsync();
    }

    /// <summary>The contracts a user could pick as predecessor or as the contract this one amends.</summary>
    public Task<List<ContractLink>> PickableAsync(Guid? except) =>
        access.Contracts.AsNoTracking().Where(c => c.Id != except).OrderBy(c => c.Title)
            .Select(c => new ContractLink(c.Id, c.Title, c.Status)).ToListAsync();

    public async Task<StoredFile?> FileAsync(Guid contractId, Guid fileId)
    {
        // The file must belong to a contract the user can see: its signed document, one of its avenants' or an avenant
        // signatory's scanned copy — the same rule for all three.
        var belongs = await access.Contracts.AnyAsync(c => c.Id == contractId
            && (c.SignedDocumentId == fileId || c.Amendments.Any(a => a.DocumentId == fileId)
                || db.AmendmentSignatures.Any(s => s.ContractId == c.Id && s.DocumentId == fileId)));
        return belongs ? await db.Files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId) : null;
    }
}

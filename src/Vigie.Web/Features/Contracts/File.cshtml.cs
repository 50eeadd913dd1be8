namespace Vigie.Web.Features.Contracts;

/// <summary>Downloads a contract's signed document or an avenant's, for members of the contract only.</summary>
[Infrastructure.ContractRequirement(Domain.ContractRole.Reader)]
public sealed class FileModel(ContractQueries queries) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid fileId) =>
        await queries.FileAsync(id, fileId) is { } file
            ? File(file.Content, file.ContentType, file.FileName)
            : NotFound();
}

namespace Vigie.Web.Features.Territories;

public sealed class GeographyOptions
{
    public const string Section = "Geography";

    /// <summary>Folder of the INSEE/DGCL files for "import from the server folder"; relative paths start at the current directory. Default: ../shared/data/insee when it exists.</summary>
    public string? SourceFolder { get; set; }

    public string? ResolveFolder() =>
        string.IsNullOrWhiteSpace(SourceFolder) ? GeographyImporter.DefaultFolder() : Path.GetFullPath(SourceFolder, Directory.GetCurrentDirectory());
}

namespace Vigie.Web.Features.Territories;

public sealed class GeographyOptions
{
    public const string Section = "Geography";

    /// <summary>Folder of the INSEE/DGCL files for "import from the server folder"; relative paths start at the current directory. Default: ../shared/data/insee when it exists.</summary>
    public string? SourceFolder { get; set; }

    /// <summary>A folder named in the settings must exist (the default one may be missing: the import then says so).</summary>
    internal sealed class Validator : Microsoft.Extensions.Options.IValidateOptions<GeographyOptions>
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, GeographyOptions o) =>
            string.IsNullOrWhiteSpace(o.SourceFolder) || Directory.Exists(o.ResolveFolder())
                ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
                : Microsoft.Extensions.Options.ValidateOptionsResult.Fail($"Geography:SourceFolder '{o.ResolveFolder()}' does not exist or cannot be read.");
    }

    public string? ResolveFolder() =>
        string.IsNullOrWhiteSpace(SourceFolder) ? GeographyImporter.DefaultFolder() : Path.GetFullPath(SourceFolder, Directory.GetCurrentDirectory());
}

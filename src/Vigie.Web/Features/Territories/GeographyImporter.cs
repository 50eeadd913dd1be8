using System.CommandLine;
using Vigie.Web.Data;

namespace Vigie.Web.Features.Territories;

/// <summary>Imports the INSEE / DGCL geography (placeholder: filled in by the geography work).</summary>
public sealed class GeographyImporter(AppDbContext db)
{
    public AppDbContext Db => db;

    public static Command Command()
    {
        var cmd = new Command("geo", "Importe la géographie officielle (INSEE, DGCL).");
        return cmd;
    }
}

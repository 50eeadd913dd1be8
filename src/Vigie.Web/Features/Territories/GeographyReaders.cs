using Vigie.Web.Features.Imports;
using static Vigie.Web.Features.Territories.GeographyCells;
using static Vigie.Web.Features.Territories.GeographyImporter;

namespace Vigie.Web.Features.Territories;

// One reader per INSEE / DGCL file kind. Each validates its rows and adds or completes territories in the
// in-memory set keyed by (Kind, Code); nothing touches the database (GeographyWriter does). An error is a
// UserInputException naming the file and the line.

/// <summary>COG regions.csv: one région per row (REG, LIBELLE).</summary>
public static class RegionsReader
{
    public static void Read(ImportFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        foreach (var (line, get) in ReadCsv(file, ',', ["REG", "LIBELLE"]))
        {
            var code = Required(get, "REG", Regions, line);
            if (!RegionCode().IsMatch(code)) throw RowError(Regions, line, $"code région « {code} » invalide (deux chiffres attendus).");
            AddUnique(rows, new Territory { Kind = TerritoryKind.Region, Code = code, Name = Required(get, "LIBELLE", Regions, line), RegionCode = code }, Regions, line);
        }
    }
}

/// <summary>COG departements.csv: one département per row (DEP, REG, LIBELLE), its région already read.</summary>
public static class DepartementsReader
{
    public static void Read(ImportFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        foreach (var (line, get) in ReadCsv(file, ',', ["DEP", "REG", "LIBELLE"]))
        {
            var code = Required(get, "DEP", Departements, line);
            if (!DepartementCode().IsMatch(code)) throw RowError(Departements, line, $"code département « {code} » invalide.");
            var reg = Required(get, "REG", Departements, line);
            if (!rows.ContainsKey((TerritoryKind.Region, reg))) throw RowError(Departements, line, $"région « {reg} » absente de {Regions}.");
            AddUnique(rows, new Territory { Kind = TerritoryKind.Departement, Code = code, Name = Required(get, "LIBELLE", Departements, line), DepartementCode = code, RegionCode = reg }, Departements, line);
        }
    }
}

/// <summary>COG communes.csv: communes, and their arrondissements and communes associées/déléguées (the children, returned so that they can inherit their parent's EPCI and EPT once those are read).</summary>
public static class CommunesReader
{
    public static List<(int Line, Territory Row)> Read(ImportFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        var children = new List<(int Line, Territory Row)>();
        foreach (var (line, get) in ReadCsv(file, ',', ["TYPECOM", "COM", "REG", "DEP", "LIBELLE", "COMPARENT"]))
        {
            var type = Required(get, "TYPECOM", Communes, line);
            var kind = type switch
            {
                "COM" => TerritoryKind.Commune,
                "ARM" => TerritoryKind.Arrondissement,
                "COMA" => TerritoryKind.AssociatedCommune,
                "COMD" => TerritoryKind.DelegatedCommune,
                _ => throw RowError(Communes, line, $"type « {type} » inconnu (COM, ARM, COMA ou COMD attendu)."),
            };
            var code = Required(get, "COM", Communes, line);
            if (!CommuneCode().IsMatch(code)) throw RowError(Communes, line, $"code commune « {code} » invalide (5 caractères, ex. 01001 ou 2A004).");
            var t = new Territory { Kind = kind, Code = code, Name = Required(get, "LIBELLE", Communes, line) };
            if (kind == TerritoryKind.Commune)
            {
                t.DepartementCode = Required(get, "DEP", Communes, line);
                t.RegionCode = Required(get, "REG", Communes, line);
                if (!rows.ContainsKey((TerritoryKind.Departement, t.DepartementCode))) throw RowError(Communes, line, $"département « {t.DepartementCode} » absent de {Departements}.");
                if (!rows.ContainsKey((TerritoryKind.Region, t.RegionCode))) throw RowError(Communes, line, $"région « {t.RegionCode} » absente de {Regions}.");
            }
            else
            {
                t.ParentCode = Required(get, "COMPARENT", Communes, line);
                children.Add((line, t));
            }
            AddUnique(rows, t, Communes, line);
        }
        // Parents may come after their children in the file: resolved once every COM is known.
        foreach (var (line, child) in children)
        {
            if (!rows.TryGetValue((TerritoryKind.Commune, child.ParentCode!), out var parent))
                throw RowError(Communes, line, $"commune parente « {child.ParentCode} » absente du fichier.");
            child.DepartementCode = parent.DepartementCode;
            child.RegionCode = parent.RegionCode;
        }
        return children;
    }
}

/// <summary>INSEE donnees_communes.csv: the légal population (PMUN) of communes and arrondissements; Paris, Lyon and Marseille are their sum.</summary>
public static class PopulationsReader
{
    public static void Read(ImportFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        foreach (var (line, get) in ReadCsv(file, ';', ["COM", "PMUN"]))
        {
            var code = Required(get, "COM", Populations, line);
            var pmun = ParseInt(Required(get, "PMUN", Populations, line), Populations, line, "PMUN");
            // Communes merged since the populations' vintage are simply not in the COG any more.
            if (rows.TryGetValue((TerritoryKind.Commune, code), out var com)) com.Population = pmun;
            if (rows.TryGetValue((TerritoryKind.Arrondissement, code), out var arm)) arm.Population = pmun;
        }
        // Paris, Lyon and Marseille are given only by arrondissement: the commune is their sum.
        foreach (var group in rows.Values.Where(t => t.Kind == TerritoryKind.Arrondissement && t.Population is not null).GroupBy(t => t.ParentCode!))
            if (rows.TryGetValue((TerritoryKind.Commune, group.Key), out var city) && city.Population is null)
                city.Population = group.Sum(a => a.Population!.Value);
    }
}

/// <summary>DGCL epcicom.xlsx: one row per member commune of an EPCI (SIREN, name, legal nature, population).</summary>
public static class EpciReader
{
    public static void Read(ImportFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        using var stream = OpenSeekable(file);
        using var reader = OpenExcel(stream, Epci);
        var columns = new[] { "dept", "siren", "raison_sociale", "nature_juridique", "total_pop_mun", "insee" };
        if (!reader.Read()) throw new UserInputException($"{Epci} : le fichier est vide.");
        var map = HeaderMap(ExcelRow(reader), columns, Epci);
        var line = 1;
        while (reader.Read())
        {
            line++;
            var cells = ExcelRow(reader);
            if (cells.All(string.IsNullOrWhiteSpace)) continue; // the DGCL file ends with an empty row
            string Get(string c) => map[c] < cells.Length ? cells[map[c]] : "";
            var siren = Get("siren");
            if (!Siren().IsMatch(siren)) throw RowError(Epci, line, $"SIREN « {siren} » invalide (9 chiffres attendus).");
            var insee = Get("insee");
            if (!rows.TryGetValue((TerritoryKind.Commune, insee), out var commune))
                throw RowError(Epci, line, $"commune « {insee} » absente de {Communes}.");
            if (!rows.TryGetValue((TerritoryKind.Epci, siren), out var epci))
            {
                var dept = Get("dept");
                if (!rows.TryGetValue((TerritoryKind.Departement, dept), out var dep))
                    throw RowError(Epci, line, $"département « {dept} » absent de {Departements}.");
                var name = Get("raison_sociale");
                if (name.Length == 0) throw RowError(Epci, line, "la colonne « raison_sociale » est vide.");
                var nature = Get("nature_juridique");
                epci = new Territory
                {
                    Kind = TerritoryKind.Epci, Code = siren, Name = name, Nature = nature.Length == 0 ? null : nature,
                    Population = ParseInt(Get("total_pop_mun"), Epci, line, "total_pop_mun"),
                    DepartementCode = dept, RegionCode = dep.RegionCode,
                };
                rows.Add((TerritoryKind.Epci, siren), epci);
            }
            if (commune.EpciCode is not null && commune.EpciCode != siren)
                throw RowError(Epci, line, $"la commune « {insee} » appartient déjà à l'EPCI {commune.EpciCode}.");
            commune.EpciCode = siren;
        }
    }
}

/// <summary>INSEE ept.xlsx, sheet « Composition_communale »: the EPT of each commune of the Grand Paris (ZZZZZZZZZ = none).</summary>
public static class EptReader
{
    private const string NoEpt = "ZZZZZZZZZ";

    public static void Read(ImportFile file, Dictionary<(TerritoryKind, string), Territory> rows)
    {
        const string sheet = "Composition_communale";
        using var stream = OpenSeekable(file);
        using var reader = OpenExcel(stream, Ept);
        // Sheets are found by name: the workbook order differs from its internal numbering.
        while (reader.Name != sheet)
            if (!reader.NextResult()) throw new UserInputException($"{Ept} : feuille « {sheet} » introuvable.");
        var columns = new[] { "CODGEO", "EPT", "LIBEPT", "DEP" };
        Dictionary<string, int>? map = null;
        var line = 0;
        var members = new Dictionary<string, List<Territory>>();
        while (reader.Read())
        {
            line++;
            var cells = ExcelRow(reader);
            if (map is null)
            {
                // Title rows then French labels come first; the header is the row of variable codes.
                if (cells.Contains("CODGEO") && cells.Contains("EPT")) map = HeaderMap(cells, columns, Ept);
                else if (line > 20) break;
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            string Get(string c) => map[c] < cells.Length ? cells[map[c]] : "";
            var code = Get("CODGEO");
            if (!rows.TryGetValue((TerritoryKind.Commune, code), out var commune))
                throw RowError(Ept, line, $"commune « {code} » absente de {Communes}.");
            var ept = Get("EPT");
            if (ept == NoEpt) { commune.EptCode = null; continue; }
            if (!Siren().IsMatch(ept)) throw RowError(Ept, line, $"code EPT « {ept} » invalide (SIREN à 9 chiffres ou {NoEpt} attendu).");
            if (!rows.ContainsKey((TerritoryKind.Ept, ept)))
            {
                var name = Get("LIBEPT");
                if (name.Length == 0) throw RowError(Ept, line, "la colonne « LIBEPT » est vide.");
                rows.Add((TerritoryKind.Ept, ept), new Territory { Kind = TerritoryKind.Ept, Code = ept, Name = name, Nature = "EPT" });
                members[ept] = [];
            }
            commune.EptCode = ept;
            members[ept].Add(commune);
        }
        if (map is null) throw new UserInputException($"{Ept} : feuille « {sheet} » sans ligne d'en-tête (colonnes CODGEO, EPT, LIBEPT, DEP).");
        foreach (var (code, list) in members)
        {
            var ept = rows[(TerritoryKind.Ept, code)];
            ept.DepartementCode = list.GroupBy(c => c.DepartementCode).OrderByDescending(g => g.Count()).First().Key;
            ept.RegionCode = list[0].RegionCode;
            ept.Population = list.All(c => c.Population is not null) ? list.Sum(c => c.Population!.Value) : null;
        }
    }
}

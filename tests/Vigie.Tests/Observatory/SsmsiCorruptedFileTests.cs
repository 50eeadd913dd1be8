using System.Text;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Observatory;

/// <summary>Corrupted variants of real files (first 500 lines, altered in a temp folder): a French error naming file,
/// line and column, and a database left exactly as it was.</summary>
[Collection(AppCollection.Name)]
public sealed class SsmsiCorruptedFileTests(VigieFactory factory)
{
    private static readonly DateOnly Edition = new(2001, 2, 3);
    private const string Name = "corrompu.csv";

    private static string Lines(string path, int count) => Encoding.UTF8.GetString(SsmsiTestKit.Head(path, count));

    private async Task<string> AssertRejectedAsync(byte[] content)
    {
        await factory.EnsureSsmsiAsync();
        var path = SsmsiTestKit.TempFile(Name, content);
        var before = await factory.CountsAsync();

        var e = await Assert.ThrowsAsync<UserInputException>(() => factory.ImportSsmsiAsync(path, Edition));

        Assert.Equal(before, await factory.CountsAsync());
        Assert.Contains($"« {Name} »", e.Message);
        return e.Message;
    }

    private Task<string> AssertRejectedAsync(string content) => AssertRejectedAsync(new UTF8Encoding(false).GetBytes(content));

    [Fact]
    public async Task Import_TruncatedFile_NamesLastLine()
    {
        var text = Lines(SsmsiTestKit.Jun2025, 500);
        var cut = text[..text.TrimEnd('\n').LastIndexOf(';')]; // last line loses its last column, no final newline

        var message = await AssertRejectedAsync(cut);

        Assert.Contains("ligne 500", message);
        Assert.Contains("10 colonne(s) au lieu de 11", message);
        Assert.Contains("tronqué", message);
    }

    [Fact]
    public async Task Import_WrongSeparator_HeaderNotRecognised()
    {
        var message = await AssertRejectedAsync(Lines(SsmsiTestKit.Jun2025, 500).Replace(';', '\t'));

        Assert.Contains("ligne 1", message);
        Assert.Contains("séparateur", message);
    }

    [Fact]
    public async Task Import_Latin1File_SaysNotUtf8()
    {
        var latin1 = Encoding.Latin1.GetBytes(Lines(SsmsiTestKit.Jul2023, 500).TrimStart('\uFEFF'));

        var message = await AssertRejectedAsync(latin1);

        Assert.Contains("le fichier n'est pas encodé en UTF-8", message);
        Assert.Contains("ligne 1", message); // "Code.département" in the header is the first non-ASCII text
    }

    [Fact]
    public async Task Import_MissingColumn_NamesTheColumn()
    {
        var lines = Lines(SsmsiTestKit.Jun2025, 500).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => string.Join(';', l.Split(';').Where((_, i) => i != 6))); // drop taux_pour_mille
        var message = await AssertRejectedAsync(string.Join('\n', lines) + "\n");

        Assert.Contains("« taux_pour_mille »", message);
        Assert.Contains("absente", message);
    }

    [Fact]
    public async Task Import_TextInNumber_NamesLineAndColumn()
    {
        var lines = Lines(SsmsiTestKit.Jan2025, 500).Split('\n').ToArray();
        lines[299] = lines[299].Replace("\"Victime\";\"", "\"Victime\";\"douze").Replace("\"Infraction\";\"", "\"Infraction\";\"douze");

        var message = await AssertRejectedAsync(string.Join('\n', lines));

        Assert.Contains("ligne 300, colonne « nombre »", message);
        Assert.Contains("n'est pas un nombre entier", message);
    }

    [Fact]
    public async Task Import_DuplicateRow_NamesBothLines()
    {
        var lines = Lines(SsmsiTestKit.Jun2025, 500).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Add(lines[2]); // line 3 again as line 501

        var message = await AssertRejectedAsync(string.Join('\n', lines) + "\n");

        Assert.Contains("lignes 3 et 501", message);
        Assert.Contains("en double", message);
    }

    [Fact]
    public async Task Import_TenMegabyteLine_RejectedWithLineCap()
    {
        var head = Lines(SsmsiTestKit.Jun2025, 100);
        var huge = new StringBuilder(head).Append('9', 10 * 1024 * 1024).Append('\n').ToString();

        var message = await AssertRejectedAsync(huge);

        Assert.Contains("ligne 101", message);
        Assert.Contains("ligne trop longue", message);
    }

    [Fact]
    public async Task Import_UnknownIndicatorLabel_NamesColumn()
    {
        var text = Lines(SsmsiTestKit.Jun2025, 50).Replace("Homicides", "Homicides et assimilés");

        var message = await AssertRejectedAsync(text);

        Assert.Contains("ligne 2, colonne « indicateur »", message);
        Assert.Contains("inconnu", message);
    }
}
